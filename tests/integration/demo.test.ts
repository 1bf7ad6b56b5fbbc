import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeExpiredDemos } from '#server/services/demo.service';
import { PRACTICE_IDS } from '#shared/practices';
import { addWeeks } from '#shared/week';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows, snapshot } from '../helpers/db-state';
import { pairedCouple, THIS_WEEK, WEDNESDAY } from '../helpers/factories';
import { ratingsOf } from '../helpers/ratings';
import { createTestApp, type TestApp } from '../helpers/test-app';

const DAY = 24 * 60 * 60 * 1000;

let app: TestApp;
afterEach(async () => {
  await app.close();
});

async function startDemo() {
  const client = await app.client();
  const user = await (await client.api()).demo.start();
  return { client, user, api: () => client.api() };
}

describe('when the demo is turned off', () => {
  beforeEach(async () => {
    app = await createTestApp({ demoEnabled: false }, WEDNESDAY);
  });

  it('says so, and refuses to start one with FORBIDDEN', async () => {
    const client = await app.client();
    const api = await client.api();
    expect(await api.demo.available()).toEqual({ enabled: false });
    await expectRefusedUnchanged(app, () => api.demo.start(), 'FORBIDDEN');
    expect(client.jar.token).toBeUndefined();
    expect(await countRows(app, 'users')).toBe(0);
  });
});

describe('demo.start', () => {
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
  });

  it('is available by default', async () => {
    expect(await (await (await app.client()).api()).demo.available()).toEqual({ enabled: true });
  });

  it('logs the visitor in as one partner of a fresh demo couple', async () => {
    const demo = await startDemo();
    expect(demo.user).toMatchObject({ role: 'partner', isDemo: true, coupleId: expect.any(String) });
    expect(demo.client.jar.token).toEqual(expect.any(String));
    const api = await demo.api();
    expect(await api.auth.me()).toEqual(demo.user);
    const couple = await api.couple.get();
    expect(couple.coupleId).toBe(demo.user.coupleId);
    expect(couple.partners).toHaveLength(2);
    expect(couple.partners.map((p) => p.id)).toContain(demo.user.id);
  });

  it('comes with about half a year of history for both partners', async () => {
    const demo = await startDemo();
    const history = await (await demo.api()).assessment.history();
    expect(history.partners).toHaveLength(2);
    const earliest = addWeeks(THIS_WEEK, -27);
    for (const partner of history.partners) {
      expect(partner.entries.length).toBeGreaterThanOrEqual(20);
      expect(partner.entries.length).toBeLessThanOrEqual(27);
      const weeks = partner.entries.map((e) => e.week);
      expect(weeks).toEqual([...weeks].sort());
      expect(new Set(weeks).size).toBe(weeks.length);
      for (const { week, ratings } of partner.entries) {
        expect(week >= earliest && week <= THIS_WEEK).toBe(true);
        expect(Object.keys(ratings).sort()).toEqual([...PRACTICE_IDS].sort());
        for (const value of Object.values(ratings))
          expect(Number.isInteger(value) && value >= 1 && value <= 10).toBe(true);
      }
    }
  });

  it("shows the visitor's own notes, and never the partner's", async () => {
    const demo = await startDemo();
    const history = await (await demo.api()).assessment.history();
    const own = history.partners.find((p) => p.userId === demo.user.id)!;
    const other = history.partners.find((p) => p.userId !== demo.user.id)!;
    for (const entry of own.entries) expect(entry).toHaveProperty('note');
    expect(own.entries.some((e) => typeof e.note === 'string' && e.note.length > 0)).toBe(true);
    for (const entry of other.entries) expect(entry).not.toHaveProperty('note');
  });

  it('keeps this week open for the visitor, and hides the partner’s this-week entry until then', async () => {
    const demo = await startDemo();
    const api = await demo.api();
    const other = (await api.couple.get()).partners.find((p) => p.id !== demo.user.id)!;
    const status = await api.assessment.weekStatus();
    expect(status.partners.find((p) => p.userId === demo.user.id)?.submitted).toBe(false);
    const before = (await api.assessment.history()).partners.find((p) => p.userId === other.id)!;
    expect(before.entries.some((e) => e.week === THIS_WEEK)).toBe(false);

    await api.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7) });
    const after = (await (await demo.api()).assessment.history()).partners.find((p) => p.userId === other.id)!;
    const partnerSubmitted = status.partners.find((p) => p.userId === other.id)!.submitted;
    expect(after.entries.some((e) => e.week === THIS_WEEK)).toBe(partnerSubmitted);
  });

  it('makes a separate couple for every visitor; they cannot see each other', async () => {
    const one = await startDemo();
    const two = await startDemo();
    expect(one.user.coupleId).not.toBe(two.user.coupleId);
    expect(one.user.email).not.toBe(two.user.email);
    const api = await two.api();
    await expectRefusedUnchanged(app, () => api.couple.get({ coupleId: one.user.coupleId! }), 'FORBIDDEN');
    await expectRefusedUnchanged(app, () => api.assessment.history({ coupleId: one.user.coupleId! }), 'FORBIDDEN');
  });

  it('keeps its own couple: it leaves, starts and joins none, so no real couple ever holds a demo partner', async () => {
    const demo = await startDemo();
    const api = await demo.api();
    const real = await pairedCouple(app, ['Ana', 'Ben']);
    await (await real.b.api()).couple.leave({});
    const { inviteCode } = await (await real.a.api()).couple.newInvite();
    const leaving = await expectRefusedUnchanged(app, () => api.couple.leave({}), 'FORBIDDEN');
    expect(leaving.message).toMatch(/Sign up/);
    await expectRefusedUnchanged(app, () => api.couple.join({ inviteCode }), 'FORBIDDEN');
    expect((await api.couple.get()).partners).toHaveLength(2);
  });

  it('cannot be logged into with a password', async () => {
    const demo = await startDemo();
    const api = await (await app.client()).api();
    for (const password of ['!demo', 'password123', 'demo password']) {
      await expectTrpcError(api.auth.login({ email: demo.user.email, password }), 'UNAUTHORIZED');
    }
  });

  it('ends an earlier session in the same browser', async () => {
    const { a } = await pairedCouple(app);
    const oldToken = a.client.jar.token;
    const user = await (await a.api()).demo.start();
    expect(user.isDemo).toBe(true);
    expect(a.client.jar.token).not.toBe(oldToken);
    const stale = await app.client();
    stale.jar.token = oldToken;
    expect(await (await stale.api()).auth.me()).toBeNull();
  });
});

describe('removeExpiredDemos', () => {
  beforeEach(async () => {
    app = await createTestApp({}, WEDNESDAY);
  });

  it('removes demo data older than a day, and keeps real users and their data', async () => {
    const { a, b, coupleId } = await pairedCouple(app);
    await (await a.api()).assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(6), note: 'real' });
    const realOnly = await snapshot(app);
    const demo = await startDemo();
    expect(await countRows(app, 'users')).toBe(4);

    const ttl = app.deps.config.demoTtlMs;
    expect(ttl).toBe(DAY);
    expect(await removeExpiredDemos(app.database.db, new Date(WEDNESDAY.getTime() + ttl - 60_000), ttl)).toBe(0);
    expect(await countRows(app, 'users')).toBe(4);

    const afterADay = new Date(WEDNESDAY.getTime() + ttl + 60_000);
    expect(await removeExpiredDemos(app.database.db, afterADay, ttl)).toBe(2);
    expect(await snapshot(app)).toEqual(realOnly);

    app.setNow(afterADay);
    expect(await (await demo.api()).auth.me()).toBeNull();
    expect((await (await b.api()).couple.get()).coupleId).toBe(coupleId);
    expect((await (await a.api()).assessment.mine({ week: THIS_WEEK }))?.note).toBe('real');
  });

  it('keeps a demo younger than a day and removes the older ones', async () => {
    app.setNow(new Date(WEDNESDAY.getTime() - DAY / 2));
    await startDemo();
    const old = await startDemo(); // both created half a day before WEDNESDAY
    app.setNow(WEDNESDAY);
    await startDemo();
    expect(await removeExpiredDemos(app.database.db, new Date(WEDNESDAY.getTime() + DAY * 0.75), DAY)).toBe(4);
    expect(await countRows(app, 'users')).toBe(2);
    expect(await countRows(app, 'couples')).toBe(1);
    expect(await (await old.api()).auth.me()).toBeNull();
  });
});
