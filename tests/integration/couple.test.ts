import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, normalizeInviteCode } from '#server/auth/secrets';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows, snapshot } from '../helpers/db-state';
import { pairedCouple, signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow, sqlRows, sqlRun } from '../helpers/raw-sql';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

const later = (ms: number) => app.setNow(new Date(WEDNESDAY.getTime() + ms));

describe('couple.create', () => {
  it('makes a couple with its creator and a code that expires in 7 days', async () => {
    const ana = await signUpPartner(app, 'Ana');
    const created = await (await ana.api()).couple.create({});
    expect(created.inviteCode).toMatch(CODE_FORMAT);
    expect(created.expiresAt).toBe(new Date(WEDNESDAY.getTime() + 7 * DAY).toISOString());
    expect((await (await ana.api()).auth.me())?.coupleId).toBe(created.coupleId);
    expect(await (await ana.api()).couple.get()).toEqual({
      coupleId: created.coupleId,
      partners: [{ id: ana.user.id, displayName: 'Ana' }],
      coaches: [],
      inviteExpiresAt: created.expiresAt,
    });
    // Only a hash of the code is stored.
    const stored = await sqlRows<{ code_hash: string }>(app, 'SELECT code_hash FROM couple_invites');
    expect(stored).toEqual([{ code_hash: hashSecret(normalizeInviteCode(created.inviteCode)) }]);
    expect(JSON.stringify(await sqlRows(app, 'SELECT * FROM couple_invites'))).not.toContain(created.inviteCode);
  });

  it('accepts no input as well as an empty object', async () => {
    const ana = await signUpPartner(app);
    await expect((await ana.api()).couple.create()).resolves.toHaveProperty('coupleId');
  });

  it('refuses a partner who is already in a couple with CONFLICT, creator or joiner', async () => {
    const { a, b } = await pairedCouple(app);
    for (const person of [a, b]) {
      const api = await person.api();
      await expectRefusedUnchanged(app, () => api.couple.create({}), 'CONFLICT');
    }
  });

  it('lets only one of two simultaneous creations through', async () => {
    const ana = await signUpPartner(app);
    const [one, two] = [await ana.api(), await ana.api()];
    const results = await Promise.allSettled([one.couple.create({}), two.couple.create({})]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await countRows(app, 'couple_members')).toBe(1);
  });

  it('refuses unknown input keys with BAD_REQUEST', async () => {
    const api = await (await signUpPartner(app)).api();
    await expectRefusedUnchanged(app, () => api.couple.create({ name: 'us' } as never), 'BAD_REQUEST');
  });
});

describe('couple.join', () => {
  it('pairs the second partner; both see the same couple, in joining order', async () => {
    // Ben signs up first and joins a second later, so the order must come from joining, not from signing up.
    const b = await signUpPartner(app, 'Ben');
    const a = await signUpPartner(app, 'Ana');
    const { coupleId, inviteCode } = await (await a.api()).couple.create({});
    later(1000);
    await expect((await b.api()).couple.join({ inviteCode })).resolves.toEqual({ coupleId });
    const expected = {
      coupleId,
      partners: [
        { id: a.user.id, displayName: 'Ana' },
        { id: b.user.id, displayName: 'Ben' },
      ],
      coaches: [],
      inviteExpiresAt: null,
    };
    expect(await (await a.api()).couple.get()).toEqual(expected);
    expect(await (await b.api()).couple.get({ coupleId })).toEqual(expected);
    expect((await (await b.api()).auth.me())?.coupleId).toBe(coupleId);
  });

  it.each([
    ['in lower case', (code: string) => code.toLowerCase()],
    ['with spaces for dashes', (code: string) => ` ${code.replace(/-/g, ' ')} `],
    ['without dashes', (code: string) => code.replace(/-/g, '')],
    ['with O for 0 and L for 1', (code: string) => code.replace(/0/g, 'O').replace(/1/g, 'l')],
  ])('accepts the code typed %s', async (_label, typed) => {
    const ana = await signUpPartner(app);
    const ben = await signUpPartner(app);
    const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
    await expect((await ben.api()).couple.join({ inviteCode: typed(inviteCode) })).resolves.toEqual({ coupleId });
  });

  it('works once: a second use is refused with CONFLICT, so a third partner cannot join', async () => {
    const ana = await signUpPartner(app);
    const ben = await signUpPartner(app);
    const cat = await signUpPartner(app);
    const { inviteCode } = await (await ana.api()).couple.create({});
    await (await ben.api()).couple.join({ inviteCode });
    const api = await cat.api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode }), 'CONFLICT');
    expect((await (await cat.api()).auth.me())?.coupleId).toBeNull();
  });

  it('answers a retry of the same join, whose answer was lost, as the join did, and changes nothing', async () => {
    const ana = await signUpPartner(app);
    const ben = await signUpPartner(app);
    const { inviteCode, coupleId } = await (await ana.api()).couple.create({});
    expect(await (await ben.api()).couple.join({ inviteCode })).toEqual({ coupleId });
    const before = await snapshot(app);
    expect(await (await ben.api()).couple.join({ inviteCode: inviteCode.toLowerCase() })).toEqual({ coupleId });
    expect(await snapshot(app)).toEqual(before);
    // Once Ben has left, the code he used opens nothing for him again.
    await (await ben.api()).couple.leave({});
    await expectRefusedUnchanged(app, async () => (await ben.api()).couple.join({ inviteCode }), 'CONFLICT');
  });

  it('lets only one of two simultaneous joins with the same code through', async () => {
    const ana = await signUpPartner(app);
    const [ben, cat] = [await signUpPartner(app), await signUpPartner(app)];
    const { coupleId, inviteCode } = await (await ana.api()).couple.create({});
    const [benApi, catApi] = [await ben.api(), await cat.api()];
    const results = await Promise.allSettled([benApi.couple.join({ inviteCode }), catApi.couple.join({ inviteCode })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await sqlRow(app, 'SELECT count(*) AS n FROM couple_members WHERE couple_id = ?', coupleId)).toEqual({
      n: 2,
    });
  });

  it('refuses a third partner with CONFLICT even with an open code on a full couple', async () => {
    const { a, coupleId } = await pairedCouple(app);
    const cat = await signUpPartner(app);
    // The API never issues a code for a full couple (see newInvite), so plant one to test join's own guard.
    const planted = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ';
    await sqlRun(
      app,
      'INSERT INTO couple_invites (code_hash, couple_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      hashSecret(normalizeInviteCode(planted)),
      coupleId,
      a.user.id,
      WEDNESDAY.toISOString(),
      new Date(WEDNESDAY.getTime() + DAY).toISOString(),
    );
    const api = await cat.api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode: planted }), 'CONFLICT');
    expect((await (await a.api()).couple.get()).partners).toHaveLength(2);
  });

  it('refuses a partner already in a couple with CONFLICT, and the code stays usable', async () => {
    const { b } = await pairedCouple(app);
    const dan = await signUpPartner(app);
    const eve = await signUpPartner(app);
    const { coupleId, inviteCode } = await (await dan.api()).couple.create({});
    const api = await b.api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode }), 'CONFLICT');
    // The creator trying their own code is "already in a couple" too.
    const own = await dan.api();
    await expectRefusedUnchanged(app, () => own.couple.join({ inviteCode }), 'CONFLICT');
    await expect((await eve.api()).couple.join({ inviteCode })).resolves.toEqual({ coupleId });
  });

  it('refuses an unknown code with NOT_FOUND', async () => {
    const ana = await signUpPartner(app);
    await (await ana.api()).couple.create({});
    const api = await (await signUpPartner(app)).api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' }), 'NOT_FOUND');
  });

  it.each([
    ['an empty code', ''],
    ['a blank code', '   '],
    ['a code of 65 characters', 'A'.repeat(65)],
  ])('refuses %s with BAD_REQUEST', async (_label, inviteCode) => {
    const api = await (await signUpPartner(app)).api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode }), 'BAD_REQUEST');
  });

  it('accepts a code until 7 days have passed, and refuses it after', async () => {
    const ana = await signUpPartner(app);
    const [ben, cat] = [await signUpPartner(app), await signUpPartner(app)];
    const first = await (await ana.api()).couple.create({});
    later(7 * DAY + MINUTE);
    const api = await ben.api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode: first.inviteCode }), 'NOT_FOUND');
    expect((await (await ana.api()).couple.get()).inviteExpiresAt).toBeNull();

    const second = await (await ana.api()).couple.newInvite();
    later(14 * DAY); // 7 days minus a minute after the second code
    await expect((await cat.api()).couple.join({ inviteCode: second.inviteCode })).resolves.toEqual({
      coupleId: first.coupleId,
    });
  });
});

describe('couple.newInvite', () => {
  it('issues a new code and invalidates the older one', async () => {
    const ana = await signUpPartner(app);
    const ben = await signUpPartner(app);
    const old = await (await ana.api()).couple.create({});
    later(MINUTE);
    const fresh = await (await ana.api()).couple.newInvite();
    expect(fresh.inviteCode).toMatch(CODE_FORMAT);
    expect(fresh.inviteCode).not.toBe(old.inviteCode);
    expect(fresh).toMatchObject({
      coupleId: old.coupleId,
      expiresAt: new Date(WEDNESDAY.getTime() + MINUTE + 7 * DAY).toISOString(),
    });
    expect((await (await ana.api()).couple.get()).inviteExpiresAt).toBe(fresh.expiresAt);

    const api = await ben.api();
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode: old.inviteCode }), 'NOT_FOUND');
    await expect((await ben.api()).couple.join({ inviteCode: fresh.inviteCode })).resolves.toEqual({
      coupleId: old.coupleId,
    });
  });

  it('refuses a full couple with CONFLICT', async () => {
    const { a, b } = await pairedCouple(app);
    for (const person of [a, b]) {
      const api = await person.api();
      await expectRefusedUnchanged(app, () => api.couple.newInvite(), 'CONFLICT');
    }
  });

  it('refuses a partner without a couple with CONFLICT', async () => {
    const api = await (await signUpPartner(app)).api();
    await expectRefusedUnchanged(app, () => api.couple.newInvite(), 'CONFLICT');
  });
});

describe('couple.get', () => {
  it('refuses a partner without a couple with NOT_FOUND', async () => {
    const api = await (await signUpPartner(app)).api();
    await expectTrpcError(api.couple.get(), 'NOT_FOUND');
  });
});
