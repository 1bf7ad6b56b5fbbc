import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { PASSWORD, signUpCoach, signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow } from '../helpers/raw-sql';

const MINUTE = 60_000;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

/** A browser holding a given token, as if the cookie had been copied. */
async function browserWith(token: string | undefined) {
  const client = await app.client();
  client.jar.token = token;
  return client.api();
}

describe('auth.signup', () => {
  it('creates the account, logs it in, and keeps no plain password', async () => {
    const client = await app.client();
    const email = uniqueEmail();
    const user = await (
      await client.api()
    ).auth.signup({
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      displayName: '  Robin  ',
      role: 'partner',
    });
    expect(user).toEqual({
      id: expect.any(String),
      email,
      displayName: 'Robin',
      role: 'partner',
      coupleId: null,
      isDemo: false,
    });
    expect(client.jar.token).toEqual(expect.any(String));
    expect(await (await client.api()).auth.me()).toEqual(user);
    const row = (await sqlRow(app, 'SELECT * FROM users WHERE id = ?', user.id)) as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('signs up a coach with no couple', async () => {
    const coach = await signUpCoach(app);
    expect(coach.user).toMatchObject({ role: 'coach', coupleId: null });
  });

  it.each([
    ['the same address', (email: string) => email],
    ['the address in other case', (email: string) => email.toUpperCase()],
    ['the address with spaces', (email: string) => ` ${email} `],
  ])('refuses %s again with CONFLICT and changes nothing', async (_label, variant) => {
    const first = await signUpPartner(app);
    const client = await app.client();
    const api = await client.api();
    const input = {
      email: variant(first.email),
      password: 'another password',
      displayName: 'Copy',
      role: 'coach' as const,
    };
    await expectRefusedUnchanged(app, () => api.auth.signup(input), 'CONFLICT');
    expect(client.jar.token).toBeUndefined();
  });

  it.each([
    ['password of 9 characters', { password: '123456789' }],
    ['empty display name', { displayName: '' }],
    ['display name of 61 characters', { displayName: 'x'.repeat(61) }],
    ['bad email', { email: 'not-an-email' }],
    ['unknown role', { role: 'admin' }],
    ['unknown key', { admin: true }],
  ])('refuses a %s with BAD_REQUEST and changes nothing', async (_label, change) => {
    const client = await app.client();
    const api = await client.api();
    const input = { email: uniqueEmail(), password: PASSWORD, displayName: 'Val', role: 'partner', ...change };
    await expectRefusedUnchanged(app, () => api.auth.signup(input as never), 'BAD_REQUEST');
    expect(client.jar.token).toBeUndefined();
  });
});

describe('auth.login', () => {
  it('logs in with the address in any case and spacing', async () => {
    const person = await signUpPartner(app, 'Lee');
    const client = await app.client();
    const user = await (
      await client.api()
    ).auth.login({ email: ` ${person.email.toUpperCase()} `, password: PASSWORD });
    expect(user).toEqual(person.user);
    expect((await (await client.api()).auth.me())?.id).toBe(person.user.id);
  });

  it('answers a wrong email and a wrong password with the same UNAUTHORIZED message', async () => {
    const person = await signUpPartner(app);
    const api = await (await app.client()).api();
    const sessions = await countRows(app, 'sessions');
    const wrongPassword = await expectTrpcError(
      api.auth.login({ email: person.email, password: 'wrong password' }),
      'UNAUTHORIZED',
    );
    const wrongEmail = await expectTrpcError(
      api.auth.login({ email: uniqueEmail(), password: PASSWORD }),
      'UNAUTHORIZED',
    );
    expect(wrongEmail.message).toBe(wrongPassword.message);
    expect(wrongPassword.message).not.toMatch(/password is wrong|no account|not found/i);
    expect(await countRows(app, 'sessions')).toBe(sessions);
  });

  it('rotates the session: a new token, and the old one stops working', async () => {
    const person = await signUpPartner(app);
    const oldToken = person.client.jar.token;
    await (await person.api()).auth.login({ email: person.email, password: PASSWORD });
    const newToken = person.client.jar.token;
    expect(newToken).toEqual(expect.any(String));
    expect(newToken).not.toBe(oldToken);
    expect(await (await browserWith(oldToken)).auth.me()).toBeNull();
    expect((await (await browserWith(newToken)).auth.me())?.id).toBe(person.user.id);
    expect(await countRows(app, 'sessions')).toBe(1);
  });

  it('keeps sessions in other browsers when logging in elsewhere', async () => {
    const person = await signUpPartner(app);
    const other = await app.client();
    await (await other.api()).auth.login({ email: person.email, password: PASSWORD });
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    expect((await (await other.api()).auth.me())?.id).toBe(person.user.id);
  });
});

describe('auth.logout and session expiry', () => {
  it('ends the session: the cookie is cleared and the old token no longer works', async () => {
    const person = await signUpPartner(app);
    const token = person.client.jar.token;
    expect(await (await person.api()).auth.logout()).toEqual({ ok: true });
    expect(person.client.jar.token).toBeUndefined();
    expect(await countRows(app, 'sessions')).toBe(0);
    const stale = await browserWith(token);
    expect(await stale.auth.me()).toBeNull();
    await expectTrpcError(stale.couple.create({}), 'UNAUTHORIZED');
    // Logging out again with a dead token still succeeds and clears the cookie, and touches nobody's session.
    const other = await signUpPartner(app);
    expect(await stale.auth.logout()).toEqual({ ok: true });
    expect(await countRows(app, 'sessions')).toBe(1);
    expect((await (await other.api()).auth.me())?.id).toBe(other.user.id);
  });

  it('expires a session left unused for the idle limit', async () => {
    const used = await signUpPartner(app);
    const unused = await signUpPartner(app);
    app.setNow(new Date(WEDNESDAY.getTime() + app.deps.config.sessionIdleMs - MINUTE));
    expect((await (await used.api()).auth.me())?.id).toBe(used.user.id);
    app.setNow(new Date(WEDNESDAY.getTime() + app.deps.config.sessionIdleMs + MINUTE));
    expect(await (await unused.api()).auth.me()).toBeNull();
  });

  it.each(['', 'x'.repeat(43), 'x'.repeat(5000)])('treats a forged token of length %#as no session', async (token) => {
    await signUpPartner(app);
    expect(await (await browserWith(token)).auth.me()).toBeNull();
  });
});

describe('failed-login limit per account', () => {
  async function fail(email: string, times: number) {
    const api = await (await app.client()).api();
    for (let i = 0; i < times; i += 1) {
      await expectTrpcError(api.auth.login({ email, password: `wrong password ${i}` }), 'UNAUTHORIZED');
    }
  }

  it('refuses the account with TOO_MANY_REQUESTS after 10 failures in 15 minutes, even with the right password', async () => {
    const person = await signUpPartner(app);
    await fail(person.email.toUpperCase(), 10); // the same account, however it is typed
    const api = await (await app.client()).api();
    const sessions = await countRows(app, 'sessions');
    await expectTrpcError(api.auth.login({ email: person.email, password: PASSWORD }), 'TOO_MANY_REQUESTS');
    expect(await countRows(app, 'sessions')).toBe(sessions);

    const bystander = await signUpPartner(app);
    await expect(api.auth.login({ email: bystander.email, password: PASSWORD })).resolves.toMatchObject({
      id: bystander.user.id,
    });

    app.setNow(new Date(WEDNESDAY.getTime() + 15 * MINUTE + 1));
    await expect(api.auth.login({ email: person.email, password: PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
  });

  it('allows nine failures, and a successful login starts the count again', async () => {
    const person = await signUpPartner(app);
    const api = await (await app.client()).api();
    await fail(person.email, 9);
    await api.auth.login({ email: person.email, password: PASSWORD });
    await fail(person.email, 9);
    await expect(api.auth.login({ email: person.email, password: PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
  });

  it('counts failures only within the window', async () => {
    const person = await signUpPartner(app);
    await fail(person.email, 5);
    app.setNow(new Date(WEDNESDAY.getTime() + 16 * MINUTE));
    await fail(person.email, 9);
    const api = await (await app.client()).api();
    await expect(api.auth.login({ email: person.email, password: PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
  });

  it('limits unknown addresses too, with the same answer', async () => {
    const email = uniqueEmail('nobody');
    await fail(email, 10);
    await expectTrpcError(
      (await (await app.client()).api()).auth.login({ email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
  });
});
