import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionCookie } from '#server/services/session.service';
import { createContext } from '#server/trpc/context';
import { listPartners } from '#server/repositories/couples.repository';
import { pairedCouple, signUpCoach, signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow } from '../helpers/raw-sql';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

/** Every property reachable from `value`, with the path that leads to it; each object is visited once. */
function* everyProperty(value: unknown, path: string, seen = new Set<object>()): Generator<[string, string, unknown]> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const entries =
    value instanceof Map
      ? [...value.entries()].map(([key, item]) => [String(key), item] as const)
      : Object.entries(value);
  for (const [key, item] of entries) {
    yield [`${path}.${key}`, key, item];
    yield* everyProperty(item, `${path}.${key}`, seen);
  }
}

function cookieHolding(token: string | undefined): SessionCookie {
  return { read: () => token, set: () => undefined, clear: () => undefined };
}

describe('a request context', () => {
  it('carries the logged-in caller without the password hash, anywhere in it', async () => {
    const person = await signUpPartner(app);
    const { password_hash: hash } = (await sqlRow(
      app,
      'SELECT password_hash FROM users WHERE id = ?',
      person.user.id,
    )) as {
      password_hash: string;
    };
    const ctx = await createContext(app.deps, cookieHolding(person.client.jar.token));
    expect(ctx.caller?.id).toBe(person.user.id);
    expect(Object.keys(ctx.caller ?? {}).sort()).toEqual([
      'coupleId',
      'createdAt',
      'displayName',
      'email',
      'id',
      'isDemo',
      'role',
    ]);

    const found: string[] = [];
    for (const [path, key, value] of everyProperty(ctx, 'ctx')) {
      // The decoy is a made-up hash every server holds for logins that name no account; it opens nothing.
      if (path === 'ctx.deps.decoyPasswordHash') continue;
      // Settings such as passwordChecksPerAccount name a password without holding one; the caller names neither.
      if (/hash/i.test(key) || (path.startsWith('ctx.caller.') && /password/i.test(key))) found.push(path);
      if (typeof value === 'string' && value.includes(hash)) found.push(path);
    }
    expect(found).toEqual([]);
    expect(ctx.deps.decoyPasswordHash).not.toBe(hash);
  });

  it('has no caller without a live session', async () => {
    const ctx = await createContext(app.deps, cookieHolding(undefined));
    expect(ctx.caller).toBeNull();
    expect(ctx.session.id).toBeNull();
    expect(ctx.callerPartners).toEqual([]);
  });

  it("reads the caller's couple with the session: the same partners, in the same order, as the couple's own read", async () => {
    const couple = await pairedCouple(app, ['Ana', 'Ben']);
    for (const person of [couple.a, couple.b]) {
      const ctx = await createContext(app.deps, cookieHolding(person.client.jar.token));
      expect(ctx.caller?.coupleId).toBe(couple.coupleId);
      expect(ctx.callerPartners).toEqual(await listPartners(app.deps.db, couple.coupleId));
      expect(ctx.callerPartners.map((p) => p.displayName)).toEqual(['Ana', 'Ben']);
    }

    // Whoever leaves is gone from the very next request's partners, on both sides.
    await (await couple.b.api()).couple.leave({});
    const stayed = await createContext(app.deps, cookieHolding(couple.a.client.jar.token));
    expect(stayed.callerPartners.map((p) => p.id)).toEqual([couple.a.user.id]);
    const left = await createContext(app.deps, cookieHolding(couple.b.client.jar.token));
    expect(left.caller?.coupleId).toBeNull();
    expect(left.callerPartners).toEqual([]);
  });

  it('lists no partners for a coach or for someone not in a couple', async () => {
    for (const person of [await signUpCoach(app), await signUpPartner(app)]) {
      const ctx = await createContext(app.deps, cookieHolding(person.client.jar.token));
      expect(ctx.caller?.id).toBe(person.user.id);
      expect(ctx.callerPartners).toEqual([]);
    }
  });
});
