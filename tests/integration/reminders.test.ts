import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReminderSettings } from '#server/repositories/reminders.repository';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { pairedCouple, signUpCoach, WEDNESDAY, type Couple, type Person } from '../helpers/factories';
import { sqlRow } from '../helpers/raw-sql';
import { createTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let couple: Couple;
let coach: Person;
beforeEach(async () => {
  app = await createTestApp({ publicUrl: 'https://tandem.example' }, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
  coach = await signUpCoach(app, 'Coach Kim');
});
afterEach(async () => {
  await app.close();
});

const noEmail = { weeklyReminder: false, partnerCheckedIn: false, bothAnswered: false, coachDigest: false };
const DEFAULTS = { enabled: false, weekday: 7, time: '19:00', timeZone: 'UTC', email: noEmail };
const berlinMonday = {
  enabled: true,
  weekday: 1,
  time: '08:30',
  timeZone: 'Europe/Berlin',
  email: { ...noEmail, weeklyReminder: true, bothAnswered: true },
};

describe('reminder.get and reminder.set', () => {
  it('reads the defaults before anything is saved, for partners and coaches alike', async () => {
    expect(await (await couple.a.api()).reminder.get()).toEqual(DEFAULTS);
    expect(await (await coach.api()).reminder.get()).toEqual(DEFAULTS);
    expect(await readReminderSettings(app.deps.db, couple.a.user.id)).toEqual(DEFAULTS);
  });

  it("stores a partner's settings and returns them; the partner's own stay the defaults", async () => {
    const ana = await couple.a.api();
    expect(await ana.reminder.set(berlinMonday)).toEqual(berlinMonday);
    expect(await ana.reminder.get()).toEqual(berlinMonday);
    expect(await readReminderSettings(app.deps.db, couple.a.user.id)).toEqual(berlinMonday);
    expect(await (await couple.b.api()).reminder.get()).toEqual(DEFAULTS);
    const row = await sqlRow(
      app,
      'SELECT enabled, weekday, time, time_zone FROM reminder_settings WHERE user_id = ?',
      couple.a.user.id,
    );
    expect(row).toEqual({ enabled: 1, weekday: 1, time: '08:30', time_zone: 'Europe/Berlin' });
  });

  it('is idempotent: the same settings twice leave one row, the same', async () => {
    const ana = await couple.a.api();
    await ana.reminder.set(berlinMonday);
    expect(await ana.reminder.set(berlinMonday)).toEqual(berlinMonday);
    const count = await sqlRow<{ n: number | string }>(app, 'SELECT count(*) AS n FROM reminder_settings');
    expect(Number(count!.n)).toBe(1);
  });

  it('changes settings wholesale, turning things off again', async () => {
    const ana = await couple.a.api();
    await ana.reminder.set(berlinMonday);
    const off = { ...berlinMonday, enabled: false, email: noEmail };
    expect(await ana.reminder.set(off)).toEqual(off);
  });

  it('stores an older alias of a zone as the zone it stands for', async () => {
    const stored = await (await couple.a.api()).reminder.set({ ...berlinMonday, timeZone: 'Asia/Calcutta' });
    expect(Intl.supportedValuesOf('timeZone')).toContain(stored.timeZone);
  });

  it('lets a coach turn on their weekly reminder and digest', async () => {
    const digest = { ...berlinMonday, email: { ...noEmail, weeklyReminder: true, coachDigest: true } };
    expect(await (await coach.api()).reminder.set(digest)).toEqual(digest);
  });

  it.each([
    ['partner', 'coachDigest'],
    ['coach', 'partnerCheckedIn'],
    ['coach', 'bothAnswered'],
  ] as const)('refuses a %s turning on %s, and stores nothing', async (role, option) => {
    const who = role === 'partner' ? couple.a : coach;
    const input = { ...berlinMonday, email: { ...noEmail, [option]: true } };
    const error = await expectRefusedUnchanged(app, async () => (await who.api()).reminder.set(input), 'BAD_REQUEST');
    expect(error.message).toContain(option);
  });

  it.each([
    ['time 24:00', { time: '24:00' }],
    ['time 7:5', { time: '7:5' }],
    ['an unknown zone', { timeZone: 'Mars/Base' }],
    ['weekday 0', { weekday: 0 }],
    ['weekday 8', { weekday: 8 }],
    ['an extra key', { sms: true }],
    ['no email options', { email: undefined }],
  ])('refuses %s with 400 and changes nothing', async (_, change) => {
    const ana = await couple.a.api();
    await ana.reminder.set(berlinMonday);
    await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).reminder.set({ ...berlinMonday, ...change } as never),
      'BAD_REQUEST',
    );
    expect(await ana.reminder.get()).toEqual(berlinMonday);
  });

  it('refuses anyone not logged in', async () => {
    const anonymous = await app.client();
    await expectTrpcError((await anonymous.api()).reminder.get(), 'UNAUTHORIZED');
    await expectTrpcError((await anonymous.api()).reminder.set(berlinMonday), 'UNAUTHORIZED');
  });

  it('lets a demo visitor try the settings', async () => {
    const visitor = await app.client();
    await (await visitor.api()).demo.start({});
    expect(await (await visitor.api()).reminder.set(berlinMonday)).toEqual(berlinMonday);
  });
});

describe('calendar links', () => {
  const tokenOf = (url: string) => /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1]!;

  it('makes a link under PUBLIC_URL, keeping only the hash of its token', async () => {
    const ana = await couple.a.api();
    const { url } = await ana.calendar.createLink({});
    expect(url).toMatch(/^https:\/\/tandem\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const row = await sqlRow<{ token_hash: string; created_at: string }>(
      app,
      'SELECT token_hash, created_at FROM calendar_links WHERE user_id = ?',
      couple.a.user.id,
    );
    expect(row!.token_hash).not.toContain(tokenOf(url));
    expect(row!.created_at).toBe(WEDNESDAY.toISOString());
    expect(await ana.calendar.status()).toEqual({ active: true, createdAt: WEDNESDAY.toISOString() });
  });

  it('replaces the old link with a new one, and revoking ends it (twice is fine)', async () => {
    const ana = await couple.a.api();
    const first = await ana.calendar.createLink({});
    const second = await ana.calendar.createLink({});
    expect(second.url).not.toBe(first.url);
    const count = await sqlRow<{ n: number | string }>(app, 'SELECT count(*) AS n FROM calendar_links');
    expect(Number(count!.n)).toBe(1);
    expect(await ana.calendar.revokeLink({})).toEqual({ ok: true });
    expect(await ana.calendar.revokeLink({})).toEqual({ ok: true });
    expect(await ana.calendar.status()).toEqual({ active: false, createdAt: null });
  });

  it("revoking acts on the caller's own link only", async () => {
    await (await couple.a.api()).calendar.createLink({});
    await (await couple.b.api()).calendar.revokeLink({});
    expect(await (await couple.a.api()).calendar.status()).toMatchObject({ active: true });
    expect(await (await couple.b.api()).calendar.status()).toEqual({ active: false, createdAt: null });
  });

  it('refuses a demo visitor a link: a subscription would outlive the visit', async () => {
    const visitor = await app.client();
    await (await visitor.api()).demo.start({});
    await expectRefusedUnchanged(app, async () => (await visitor.api()).calendar.createLink({}), 'FORBIDDEN');
  });

  it('limits how many links one account makes in an hour', async () => {
    const ana = await couple.a.api();
    for (let i = 0; i < 10; i++) await ana.calendar.createLink({});
    await expectTrpcError(ana.calendar.createLink({}), 'TOO_MANY_REQUESTS');
  });

  it('refuses extra input and anyone not logged in', async () => {
    const ana = await couple.a.api();
    await expectRefusedUnchanged(
      app,
      () => ana.calendar.createLink({ userId: couple.b.user.id } as never),
      'BAD_REQUEST',
    );
    const anonymous = await (await app.client()).api();
    await expectTrpcError(anonymous.calendar.createLink({}), 'UNAUTHORIZED');
    await expectTrpcError(anonymous.calendar.revokeLink({}), 'UNAUTHORIZED');
    await expectTrpcError(anonymous.calendar.status(), 'UNAUTHORIZED');
  });

  it("goes with the account: deleting it removes the person's settings and link", async () => {
    const ana = await couple.a.api();
    await ana.reminder.set(berlinMonday);
    await ana.calendar.createLink({});
    await ana.account.delete({ password: couple.a.password });
    for (const table of ['reminder_settings', 'calendar_links']) {
      const left = await sqlRow<{ n: number | string }>(app, `SELECT count(*) AS n FROM ${table}`);
      expect(Number(left!.n)).toBe(0);
    }
  });
});
