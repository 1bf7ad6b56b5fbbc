import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '#server/app';
import { createMailTransport, type MailTransport } from '#server/mail/transport';
import { silentLogger } from '#server/observability/logger';
import {
  CLAIM_LEASE_MS,
  MAX_ATTEMPTS,
  RETRY_BACKOFF_MS,
  runNotificationPass,
  startNotifier,
} from '#server/mail/notifier';
import { claimDelivery, listDeliveries } from '#server/repositories/email-deliveries.repository';
import { PRACTICE_IDS } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import type { ReminderSettings } from '#shared/schemas/reminder.schema';
import { practiceLabel } from '#shared/wording';
import { addReflection } from '../helpers/direct-rows';
import {
  connectCoach,
  LAST_WEEK,
  NEXT_WEEK,
  pairedCouple,
  signUpCoach,
  THIS_WEEK,
  type Person,
} from '../helpers/factories';
import { CLIENT_DIR, HttpClient } from '../helpers/http-server';
import { ratingsOf } from '../helpers/ratings';
import { sqlRows } from '../helpers/raw-sql';
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from '../helpers/smtp';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { testDatabaseKind } from '../helpers/test-database';

// The timed emails against a real SMTP server, with the app served over real HTTP so that every link in an email can
// be followed. The clock is the app's: each pass is run by hand at the moment a test sets.

/** Wednesday of 2026-W48, 12:00 UTC. */
const WEDNESDAY_NOON = new Date('2026-11-25T12:00:00.000Z');
/** Monday of 2026-W49, 09:00 UTC: 10:00 in Berlin. */
const NEXT_MONDAY = new Date('2026-11-30T09:00:00.000Z');
const FROM = 'Tandem <tandem@example.test>';

/** Ratings no email may show: distinct values, so their order gives them away in any form. */
const ANA_RATINGS: Ratings = ratingsOf((_, i) => [7, 3, 9, 2, 8, 4, 10, 1, 6, 5][i]!);
const BEN_RATINGS: Ratings = ratingsOf((_, i) => [2, 9, 4, 10, 1, 6, 3, 8, 5, 7][i]!);
const ANA_NOTE = 'Ana kept this to herself: the lighthouse evening';
const BEN_NOTE = 'Ben wrote about the quiet drive home';
const REFLECTION = 'What trust means to Ana, written for Ben only';

interface World {
  app: TestApp;
  smtp: TestSmtpServer;
  baseUrl: string;
  mail: MailTransport;
  close(): Promise<void>;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.close();
});

/**
 * The app on a real port, its config pointing at the test SMTP server and its links at that port. `transportTimeoutMs`
 * makes the transport the notifier sends with give up on a silent server sooner than the default.
 */
async function world(smtpOptions: { refuse?: boolean; hang?: boolean } = {}, transportTimeoutMs?: number) {
  const smtp = await startSmtpServer(smtpOptions);
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mailConfig = { smtpUrl: smtp.url, from: FROM };
  const app = await createTestApp(
    { mail: mailConfig, publicUrl: baseUrl, ipRateLimit: false, clientDir: CLIENT_DIR },
    WEDNESDAY_NOON,
  );
  const served = createApp({
    db: app.database.db,
    database: app.database,
    config: app.deps.config,
    now: () => app.deps.now(),
    logger: silentLogger(),
  });
  handler = served.app;
  const mail = transportTimeoutMs
    ? createMailTransport(mailConfig, { timeoutMs: transportTimeoutMs })!
    : app.deps.mail!;
  const w: World = {
    app,
    smtp,
    baseUrl,
    mail,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (mail !== app.deps.mail) mail.close();
      served.deps.mail?.close();
      await smtp.close();
      await app.close();
    },
  };
  worlds.push(w);
  return w;
}

/** Confirms the person's address the way they would: the link of the confirmation email, opened. */
async function confirm(w: World, person: Person) {
  const before = w.smtp.messages.length;
  await (await person.api()).email.sendConfirmation({});
  const [message] = (await w.smtp.waitForMessages(before + 1)).slice(before);
  const token = /confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(message!.text)?.[1];
  expect(token).toBeDefined();
  await (await person.api()).email.confirm({ token: decodeURIComponent(token!) });
}

const EVERYTHING_OFF: ReminderSettings['email'] = {
  weeklyReminder: false,
  partnerCheckedIn: false,
  bothAnswered: false,
  coachDigest: false,
};

async function remind(
  person: Person,
  settings: Partial<Omit<ReminderSettings, 'email'>>,
  email: Partial<ReminderSettings['email']>,
) {
  await (
    await person.api()
  ).reminder.set({
    enabled: true,
    weekday: 3,
    time: '11:00',
    timeZone: 'UTC',
    ...settings,
    email: { ...EVERYTHING_OFF, ...email },
  });
}

/** Runs one pass at the app's clock; returns the timed emails it sent (confirmation emails are not counted). */
async function pass(w: World): Promise<ReceivedEmail[]> {
  const before = w.smtp.messages.length;
  await runNotificationPass(w.app.deps, w.mail);
  // Sends finish before the pass does: whatever arrived is already in the list.
  return w.smtp.messages.slice(before);
}

const header = (m: ReceivedEmail, name: string) => {
  const value = m.headers.get(name);
  return typeof value === 'string' ? value : '';
};
const linksOf = (m: ReceivedEmail) => [...m.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);

/** Every way a list of ratings could be written out. */
function ratingForms(ratings: Ratings): string[] {
  const values = PRACTICE_IDS.map((id) => ratings[id]);
  return [
    JSON.stringify(ratings),
    values.join(', '),
    values.join(' '),
    values.join(','),
    values.join(''),
    ...PRACTICE_IDS.flatMap((id) => [`"${id}":${ratings[id]}`, `${practiceLabel(id)}: ${ratings[id]}`]),
  ];
}

function expectNothingPrivate(messages: readonly ReceivedEmail[]) {
  const forbidden = [ANA_NOTE, BEN_NOTE, REFLECTION, ...ratingForms(ANA_RATINGS), ...ratingForms(BEN_RATINGS)];
  for (const m of messages) {
    const readable = `${m.subject}\n${m.text}\n${m.html}`.toLowerCase();
    for (const text of forbidden) {
      expect(m.raw.toLowerCase()).not.toContain(text.toLowerCase());
      expect(readable).not.toContain(text.toLowerCase());
    }
    // No practice is ever named, so no flag about one can be either; no rating talk at all.
    for (const id of PRACTICE_IDS) expect(readable).not.toContain(practiceLabel(id).toLowerCase());
    expect(readable).not.toMatch(/rating|connection index|score/);
  }
}

/** Every link of an email answers over HTTP; an unsubscribe link's GET asks first and changes nothing. */
async function expectLinksResolve(w: World, m: ReceivedEmail) {
  const links = linksOf(m);
  expect(links.length).toBeGreaterThanOrEqual(2);
  for (const link of links) {
    expect(link.startsWith(w.baseUrl)).toBe(true);
    const response = await fetch(link);
    await response.text();
    expect(response.status, link).toBe(200);
  }
}

function expectUnsubscribeHeaders(w: World, m: ReceivedEmail) {
  const list = header(m, 'list-unsubscribe');
  expect(list).toMatch(new RegExp(`^<${w.baseUrl}/email/unsubscribe/[A-Za-z0-9_-]{43}>$`));
  expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  // The same link is in the text, for people whose mail client shows no unsubscribe button.
  expect(m.text).toContain(list.slice(1, -1));
}

describe(`timed emails (${testDatabaseKind()})`, () => {
  it('sends each kind once per week, with its headers and links, and nothing anyone rated or wrote', async () => {
    const w = await world({}, undefined);
    const { a: ana, b: ben, coupleId } = await pairedCouple(w.app, ['Ana', 'Ben']);
    const coach = await signUpCoach(w.app, 'Casey');
    await connectCoach({ a: ana, b: ben, coupleId }, coach);
    // A second couple of the coach's that never checked in: the overview names it.
    const { a: cara, b: dan, coupleId: second } = await pairedCouple(w.app, ['Cara', 'Dan']);
    await connectCoach({ a: cara, b: dan, coupleId: second }, coach);
    await addReflection(w.app, ana.user.id, 'trust', REFLECTION, 'partner');
    for (const person of [ana, ben, coach]) await confirm(w, person);

    await remind(
      ana,
      { weekday: 3, time: '11:00' },
      { weeklyReminder: true, partnerCheckedIn: true, bothAnswered: true },
    );
    await remind(ben, { enabled: false }, { partnerCheckedIn: true, bothAnswered: true });
    await remind(
      coach,
      { weekday: 1, time: '09:00', timeZone: 'Europe/Berlin' },
      { weeklyReminder: true, coachDigest: true },
    );

    // Wednesday noon: Ana's 11:00 reminder is an hour old and her week is not done.
    const reminder = await pass(w);
    expect(reminder.map((m) => [m.to, m.subject])).toEqual([[[ana.email], 'Your check-in for this week']]);
    expect(reminder[0]!.text).toContain('Hi Ana,');
    expect(linksOf(reminder[0]!)[0]).toBe(`${w.baseUrl}/check-in`);
    expect(await pass(w)).toEqual([]);

    // Ana checks in: Ben hears of it, once; Ana's reminder is not sent again.
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ANA_RATINGS, note: ANA_NOTE });
    const checkedIn = await pass(w);
    expect(checkedIn.map((m) => [m.to, m.subject])).toEqual([
      [[ben.email], 'Ana has checked in: your answers are waiting'],
    ]);
    expect(linksOf(checkedIn[0]!)[0]).toBe(`${w.baseUrl}/check-in`);
    expect(await pass(w)).toEqual([]);

    // Ben checks in: both hear that they have both answered, once each.
    await (await ben.api()).assessment.submit({ week: THIS_WEEK, ratings: BEN_RATINGS, note: BEN_NOTE });
    const both = await pass(w);
    expect(both.map((m) => m.to[0]).sort()).toEqual([ana.email, ben.email].sort());
    for (const m of both) expect(m.subject).toBe('You have both answered: see your week side by side');
    expect(both.find((m) => m.to[0] === ana.email)!.text).toContain('You and Ben have both checked in');
    expect(linksOf(both[0]!)[0]).toBe(`${w.baseUrl}/dashboard`);
    expect(await pass(w)).toEqual([]);

    // Monday 10:00 in Berlin: the coach's weekly reminder (09:00 there) and the Monday overview.
    w.app.setNow(NEXT_MONDAY);
    const monday = await pass(w);
    expect(monday.map((m) => [m.to, m.subject])).toEqual([
      [[coach.email], 'Your weekly look at your couples'],
      [[coach.email], 'Your Monday overview'],
    ]);
    const digest = monday[1]!;
    expect(digest.text).toContain('Cara & Dan: no check-in from Cara yet; no check-in from Dan yet');
    expect(linksOf(digest)[0]).toBe(`${w.baseUrl}/coach`);
    expect(linksOf(monday[0]!)[0]).toBe(`${w.baseUrl}/coach`);
    // Each couple's log of what their coach read says the overview read their names that Monday.
    const logged = await sqlRows<{ coupleId: string; at: string }>(
      w.app,
      'select couple_id as "coupleId", at from coach_access_log where what = \'roster-email\' and coach_id = ?',
      coach.user.id,
    );
    expect(logged.map((r) => r.coupleId).sort()).toEqual([coupleId, second].sort());
    expect(logged.every((r) => r.at === NEXT_MONDAY.toISOString())).toBe(true);
    expect(await pass(w)).toEqual([]);

    const timed = [...reminder, ...checkedIn, ...both, ...monday];
    for (const m of timed) {
      expectUnsubscribeHeaders(w, m);
      await expectLinksResolve(w, m);
      expect(m.html).toContain('href=');
    }
    // Every message this server sent, the confirmations included.
    expectNothingPrivate(w.smtp.messages);

    const rows = await listDeliveries(w.app.database.db);
    expect(rows.map((r) => [r.kind, r.period, r.status, r.attempts])).toEqual(
      expect.arrayContaining([
        ['weeklyReminder', THIS_WEEK, 'sent', 1],
        ['partnerCheckedIn', THIS_WEEK, 'sent', 1],
        ['bothAnswered', THIS_WEEK, 'sent', 1],
        ['weeklyReminder', '2026-W49', 'sent', 1],
        ['coachDigest', '2026-W49', 'sent', 1],
      ]),
    );
    expect(rows).toHaveLength(6);
  }, 60_000);

  it('sends nothing before the address is confirmed, and this week’s email once it is', async () => {
    const w = await world();
    const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
    await remind(ana, {}, { weeklyReminder: true });

    expect(await pass(w)).toEqual([]);
    expect(await listDeliveries(w.app.database.db)).toEqual([]);

    await confirm(w, ana);
    const sent = await pass(w);
    expect(sent.map((m) => m.to)).toEqual([[ana.email]]);
  });

  // SQLite only: the change of email has to commit at one exact moment of the pass, which a synchronous write from the
  // clock the pass reads can do on better-sqlite3 (PostgreSQL's client has no synchronous call). The order it tests,
  // the address read after the unsubscribe link exists, is the same code on both databases.
  if (testDatabaseKind() === 'sqlite')
    it('sends nothing to an address left while the email was being made, and a link made then does not reach it', async () => {
      const w = await world();
      const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
      await remind(ana, {}, { weeklyReminder: true });
      await confirm(w, ana);
      const sqlite = (w.app.database as { sqlite: { exec(sql: string): unknown } }).sqlite;
      const newEmail = `moved-${ana.email}`;
      let reads = 0;
      // The pass reads the clock as it starts, then as it claims Ana's email (after checking her address): the change
      // of email commits there, as changeEmail commits it (the confirmation forgotten, the links deleted).
      const deps = {
        ...w.app.deps,
        now: () => {
          reads += 1;
          if (reads === 2) {
            sqlite.exec(`update users set email = '${newEmail}' where id = '${ana.user.id}';
              delete from email_confirmations where user_id = '${ana.user.id}';
              delete from email_unsubscribe_tokens where user_id = '${ana.user.id}';`);
          }
          return w.app.deps.now();
        },
      };
      const before = w.smtp.messages.length;
      await runNotificationPass(deps, w.mail);
      expect(reads).toBeGreaterThan(2);
      expect(w.smtp.messages.slice(before)).toEqual([]);
      // Still due: once the new address is confirmed, this week's email goes there.
      expect((await listDeliveries(w.app.database.db, ana.user.id)).map((d) => d.status)).toEqual(['pending']);
      await confirm(w, ana);
      expect((await pass(w)).map((m) => m.to)).toEqual([[newEmail]]);
    });

  it('sends only what is due now after an outage: no reminder for an evening gone by, nothing about past weeks', async () => {
    const w = await world();
    const { a: ana, b: ben } = await pairedCouple(w.app, ['Ana', 'Ben']);
    for (const person of [ana, ben]) await confirm(w, person);
    // Ana's reminder was Monday 19:00 UTC; the server comes back on Wednesday.
    await remind(
      ana,
      { weekday: 1, time: '19:00' },
      { weeklyReminder: true, partnerCheckedIn: true, bothAnswered: true },
    );
    // Ben checked in for last week, late, and both had answered the week before.
    await (await ana.api()).assessment.submit({ week: LAST_WEEK, ratings: ANA_RATINGS });
    await (await ben.api()).assessment.submit({ week: LAST_WEEK, ratings: BEN_RATINGS });

    expect(await pass(w)).toEqual([]);

    // Up to three hours late is still in time: 09:00 is 3 h 1 min ago, 09:02 2 h 59 min ago.
    w.app.setNow(new Date('2026-11-25T12:01:00.000Z'));
    await remind(ana, { weekday: 3, time: '09:00' }, { weeklyReminder: true });
    expect(await pass(w)).toEqual([]);
    await remind(ana, { weekday: 3, time: '09:02' }, { weeklyReminder: true });
    expect((await pass(w)).map((m) => m.to)).toEqual([[ana.email]]);
  });

  it('reminds nobody whose check-in is done, no demo account, and a coach of their weekly look', async () => {
    const w = await world();
    const { a: ana, b: ben } = await pairedCouple(w.app, ['Ana', 'Ben']);
    const coach = await signUpCoach(w.app, 'Casey');
    for (const person of [ana, ben, coach]) await confirm(w, person);
    for (const person of [ana, ben, coach]) await remind(person, {}, { weeklyReminder: true });
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ANA_RATINGS });
    // Ben's account becomes a demo's: demo accounts have made-up addresses and get no email at all.
    await w.app.database.db.updateTable('users').set({ is_demo: 1 }).where('id', '=', ben.user.id).execute();

    const sent = await pass(w);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[[coach.email], 'Your weekly look at your couples']]);
  });

  it('counts the week on the person’s own calendar: Monday morning in Auckland is next week while UTC is on Sunday', async () => {
    const w = await world();
    const { a: ana, b: ben } = await pairedCouple(w.app, ['Ana', 'Ben']);
    for (const person of [ana, ben]) await confirm(w, person);
    // Sunday 19:30 UTC of 2026-W48 is Monday 08:30 of 2026-W49 in Auckland (UTC+13 in summer).
    w.app.setNow(new Date('2026-11-29T19:30:00.000Z'));
    for (const person of [ana, ben]) {
      await remind(person, { weekday: 1, time: '08:00', timeZone: 'Pacific/Auckland' }, { weeklyReminder: true });
    }
    // Ana's check-in is for the week that just ended there; Ben has done the new one already.
    await (await ana.api()).assessment.submit({ week: THIS_WEEK, ratings: ANA_RATINGS });
    await (await ben.api()).assessment.submit({ week: NEXT_WEEK, ratings: BEN_RATINGS });

    expect((await pass(w)).map((m) => m.to)).toEqual([[ana.email]]);
    expect(await listDeliveries(w.app.database.db)).toMatchObject([{ kind: 'weeklyReminder', period: NEXT_WEEK }]);
  });

  it('takes a claim left by a process that died once its lease has run out, and sends it once', async () => {
    const w = await world();
    const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
    await confirm(w, ana);
    await remind(ana, {}, { weeklyReminder: true });
    // Another process claimed Ana's reminder and died before sending it.
    const leaseEnds = new Date(WEDNESDAY_NOON.getTime() + CLAIM_LEASE_MS);
    expect(
      await claimDelivery(
        w.app.database.db,
        { userId: ana.user.id, kind: 'weeklyReminder', period: THIS_WEEK },
        WEDNESDAY_NOON.toISOString(),
        leaseEnds.toISOString(),
        MAX_ATTEMPTS,
      ),
    ).toEqual({ attempt: 1 });

    // While the lease holds, nobody else sends it.
    w.app.setNow(new Date(leaseEnds.getTime() - 1));
    expect(await pass(w)).toEqual([]);
    w.app.setNow(leaseEnds);
    expect((await pass(w)).map((m) => m.to)).toEqual([[ana.email]]);
    expect(await pass(w)).toEqual([]);
    expect(await listDeliveries(w.app.database.db)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('retries a refused send after 1, 5 and 30 minutes, then records it failed, while requests answer', async () => {
    const w = await world({ refuse: true });
    const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
    // Confirmed by its row: the refusing server would refuse the confirmation email too.
    await w.app.database.db
      .insertInto('email_confirmations')
      .values({ user_id: ana.user.id, address: ana.email, confirmed_at: WEDNESDAY_NOON.toISOString() })
      .execute();
    await remind(ana, {}, { weeklyReminder: true });
    const http = new HttpClient(w.baseUrl);

    const at = (minutes: number) => new Date(WEDNESDAY_NOON.getTime() + minutes * 60_000);
    const attempts = async () => (await listDeliveries(w.app.database.db))[0];

    await pass(w);
    expect(await attempts()).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(1).toISOString() });
    expect((await attempts())!.lastError).toMatch(/^[\w ,]+$/);
    expect((await attempts())!.lastError).not.toContain('@');
    // Before the backoff has run out, nothing is tried.
    w.app.setNow(at(0.5));
    await pass(w);
    expect((await attempts())!.attempts).toBe(1);
    expect((await http.query('auth.me')).status).toBe(200);

    let minutes = 0;
    for (const [i, backoff] of RETRY_BACKOFF_MS.entries()) {
      minutes += backoff / 60_000;
      w.app.setNow(at(minutes));
      await pass(w);
      const row = await attempts();
      expect(row!.attempts).toBe(i + 2);
      expect(row!.status).toBe(i + 2 === MAX_ATTEMPTS ? 'failed' : 'pending');
    }
    expect(RETRY_BACKOFF_MS).toEqual([60_000, 300_000, 1_800_000]);

    w.app.setNow(at(minutes + 60));
    await pass(w);
    expect(await attempts()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(w.smtp.messages).toEqual([]);
    expect((await http.query('auth.me')).status).toBe(200);
  }, 30_000);

  it('answers requests while a send hangs, gives the send up by the transport’s timeout, and retries it later', async () => {
    const w = await world({ hang: true }, 1_000);
    const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
    await w.app.database.db
      .insertInto('email_confirmations')
      .values({ user_id: ana.user.id, address: ana.email, confirmed_at: WEDNESDAY_NOON.toISOString() })
      .execute();
    await remind(ana, {}, { weeklyReminder: true });

    // The timer's pass, started off any request.
    const notifier = startNotifier(w.app.deps, { mail: w.mail, intervalMs: 60_000, logger: silentLogger() });
    let passEnded = false;
    const running = notifier.runNow().then(() => (passEnded = true));
    // The send is claimed (the row exists) and waiting on the silent server…
    await expect.poll(async () => (await listDeliveries(w.app.database.db)).length).toBe(1);
    // …while requests are answered.
    const http = new HttpClient(w.baseUrl);
    expect((await http.query('auth.me')).status).toBe(200);
    expect((await fetch(`${w.baseUrl}/healthz`)).status).toBe(200);
    expect(passEnded).toBe(false);

    await running;
    await notifier.stop(1_000);
    const [row] = await listDeliveries(w.app.database.db);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.nextAttemptAt).toBe(new Date(WEDNESDAY_NOON.getTime() + RETRY_BACKOFF_MS[0]).toISOString());
  });

  it('stops with a pass in flight: stop waits a bounded time, and no pass starts after it', async () => {
    const w = await world({ hang: true }, 30_000);
    const { a: ana } = await pairedCouple(w.app, ['Ana', 'Ben']);
    await w.app.database.db
      .insertInto('email_confirmations')
      .values({ user_id: ana.user.id, address: ana.email, confirmed_at: WEDNESDAY_NOON.toISOString() })
      .execute();
    await remind(ana, {}, { weeklyReminder: true });

    const notifier = startNotifier(w.app.deps, { mail: w.mail, intervalMs: 10, logger: silentLogger() });
    let passEnded = false;
    const running = notifier.runNow().then(() => (passEnded = true));
    await expect.poll(async () => (await listDeliveries(w.app.database.db)).length).toBe(1);
    await notifier.stop(50);
    // The send still hangs: stop did not wait for it for ever.
    expect(passEnded).toBe(false);
    // The silent server goes away; the send fails, the pass ends, and its claim waits for a retry.
    await w.smtp.close();
    await running;
    const [row] = await listDeliveries(w.app.database.db);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
  });
});
