import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps, type AppDeps } from '#server/deps';
import { unsubscribeFor, type EmailKind } from '#server/mail/unsubscribe';
import { databaseState } from '../helpers/db-state';
import { HTTP_PASSWORD, signUpOverHttp } from '../helpers/http-world';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRow, sqlRun } from '../helpers/raw-sql';
import { messageTo, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { TEST_CONFIG } from '../helpers/test-app';

const PASSWORD = HTTP_PASSWORD;
const PUBLIC_URL = 'https://tandem.example.test';

let smtp: TestSmtpServer;
let server: RunningServer;
/** The app's own functions on the server's database, as the sender of timed emails uses them. */
let deps: AppDeps;
beforeAll(async () => {
  smtp = await startSmtpServer();
  const mail = { smtpUrl: smtp.url, from: 'Tandem <tandem@example.test>' };
  server = await startServer({ clientDir: null, ipRateLimit: false, publicUrl: PUBLIC_URL, mail });
  deps = createDeps(server.database.db, { ...TEST_CONFIG, publicUrl: PUBLIC_URL, mail }, undefined, server.database);
}, 60_000);
afterAll(async () => {
  deps.mail?.close();
  await server.close();
  await smtp.close();
});

const SETTINGS =
  'select enabled, weekday, time, time_zone, email_weekly_reminder, email_partner_checked_in, email_both_answered, email_coach_digest from reminder_settings where user_id = ?';

const signUp = (name = 'Riley') => signUpOverHttp(server, 'partner', name);

/** Sends an email carrying the unsubscribe link and headers through the real SMTP server, and reads what arrived. */
async function emailWithUnsubscribe(person: { id: string; email: string }, kind: EmailKind) {
  const { url, headers } = await unsubscribeFor(deps, person.id, kind);
  const arrivedBefore = smtp.messages.filter((m) => m.to.includes(person.email)).length;
  await deps.mail!.send({
    to: person.email,
    subject: 'A note from Tandem',
    text: `Hello.\n\nStop these emails: ${url}\n`,
    html: `<p>Hello.</p><p><a href="${url}">Stop these emails</a></p>`,
    headers,
  });
  const message = await messageTo(smtp, person.email, arrivedBefore);
  const header = String(message.headers.get('list-unsubscribe'));
  const link = /^<(.+)>$/.exec(header)![1]!;
  return { message, link, path: new URL(link).pathname, token: new URL(link).pathname.split('/').pop()! };
}

/** A GET whose request line names a whole URL (absolute form), as a proxy may send it; answers the page's text. */
function getAbsoluteForm(url: string): Promise<string> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: url }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    request.on('error', reject);
  });
}

/** What a mail client sends for a one-click unsubscribe (RFC 8058): no cookie, no Origin, a form body. */
function oneClick(path: string, body = 'List-Unsubscribe=One-Click', headers: Record<string, string> = {}) {
  return new HttpClient(server.baseUrl).send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

describe('one-click unsubscribe', () => {
  it('carries the headers and a link; a GET asks, the one-click POST turns that kind off without a session', async () => {
    const riley = await signUp();
    const { message, link, path } = await emailWithUnsubscribe(riley, 'partnerCheckedIn');
    expect(link.startsWith(`${PUBLIC_URL}/email/unsubscribe/`)).toBe(true);
    expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(message.text).toContain(link);
    expect(message.html).toContain(link);

    // Opening the link (or a scanner following it) changes nothing: it shows a button.
    const before = await databaseState(server);
    const page = await new HttpClient(server.baseUrl).send(path, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain(`<form method="post" action="${path}"`);
    expect(page.body).toContain('when your partner has checked in');
    expect(await databaseState(server)).toEqual(before);
    // A request line in absolute form, naming another host, does not move the button there.
    const absolute = await getAbsoluteForm(`http://elsewhere.example${path}`);
    expect(absolute).toContain(`action="${path}"`);
    expect(absolute).not.toContain('elsewhere.example');

    // No settings saved yet: the row is made with the defaults, the kind off.
    const done = await oneClick(path, 'List-Unsubscribe=One-Click', { origin: 'https://mail.example.net' });
    expect(done.status).toBe(200);
    expect(await sqlRow(server, SETTINGS, riley.id)).toEqual({
      enabled: 0,
      weekday: 7,
      time: '19:00',
      time_zone: 'UTC',
      email_weekly_reminder: 0,
      email_partner_checked_in: 0,
      email_both_answered: 0,
      email_coach_digest: 0,
    });
    // Again: harmless, still off.
    expect((await oneClick(path)).status).toBe(200);
  });

  it('turns off only its own kind, for its own person', async () => {
    const riley = await signUp('Riley');
    const sam = await signUp('Sam');
    const now = new Date().toISOString();
    for (const id of [riley.id, sam.id]) {
      await sqlRun(
        server,
        'insert into reminder_settings (user_id, enabled, weekday, time, time_zone, email_weekly_reminder, email_partner_checked_in, email_both_answered, email_coach_digest, updated_at) values (?, 1, 3, ?, ?, 1, 1, 1, 0, ?)',
        id,
        '08:30',
        'Europe/Berlin',
        now,
      );
    }
    const { path } = await emailWithUnsubscribe(riley, 'weeklyReminder');
    // The button of the page posts the same field.
    expect((await oneClick(path)).status).toBe(200);
    expect(await sqlRow(server, SETTINGS, riley.id)).toEqual({
      enabled: 1,
      weekday: 3,
      time: '08:30',
      time_zone: 'Europe/Berlin',
      email_weekly_reminder: 0,
      email_partner_checked_in: 1,
      email_both_answered: 1,
      email_coach_digest: 0,
    });
    expect((await sqlRow(server, SETTINGS, sam.id))!.email_weekly_reminder).toBe(1);
  });

  it('the token does nothing else: no session, no reset, no confirmation, no calendar', async () => {
    const riley = await signUp();
    const { token } = await emailWithUnsubscribe(riley, 'bothAnswered');
    const before = await databaseState(server);
    const stranger = new HttpClient(server.baseUrl);
    stranger.cookie = `tandem_session=${token}`;
    expect((await stranger.query('auth.me', {})).body.result.data).toBeNull();
    expect((await stranger.query('email.status', {})).status).toBe(401);
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.mutation('auth.resetPassword', { token, newPassword: 'some other password' })).status).toBe(
      404,
    );
    expect((await anonymous.mutation('email.confirm', { token })).status).toBe(404);
    expect((await anonymous.send(`/calendar/${token}.ics`, { method: 'GET' })).status).toBe(404);
    expect(await databaseState(server)).toEqual(before);
    // The token itself is not stored, only its hash.
    expect(
      await sqlRow(server, 'select kind from email_unsubscribe_tokens where token_hash = ?', token),
    ).toBeUndefined();
  });

  it('an unknown, malformed or expired token answers 404 and changes nothing', async () => {
    const riley = await signUp();
    const { path, token } = await emailWithUnsubscribe(riley, 'coachDigest');
    await sqlRun(
      server,
      'update email_unsubscribe_tokens set expires_at = ? where user_id = ?',
      new Date(Date.now() - 1000).toISOString(),
      riley.id,
    );
    const before = await databaseState(server);
    const unknown = `/email/unsubscribe/${'A'.repeat(43)}`;
    for (const target of [path, unknown, '/email/unsubscribe/short', `/email/unsubscribe/${token}x`]) {
      expect((await new HttpClient(server.baseUrl).send(target, { method: 'GET' })).status).toBe(404);
      expect((await oneClick(target)).status).toBe(404);
    }
    expect(await databaseState(server)).toEqual(before);
  });

  it('refuses a body that asks for something else with 400, changing nothing', async () => {
    const riley = await signUp();
    const { path } = await emailWithUnsubscribe(riley, 'weeklyReminder');
    const before = await databaseState(server);
    expect((await oneClick(path, 'List-Unsubscribe=Everything')).status).toBe(400);
    expect((await oneClick(path, `List-Unsubscribe=${'x'.repeat(5000)}`)).status).toBe(413);
    expect(await databaseState(server)).toEqual(before);
  });

  it("ends when the account's email changes: whoever reads the old address cannot turn off email that goes elsewhere", async () => {
    const riley = await signUp();
    const { path } = await emailWithUnsubscribe(riley, 'weeklyReminder');
    const moved = await riley.client.mutation('account.changeEmail', {
      email: `moved-${riley.email}`,
      currentPassword: PASSWORD,
    });
    expect(moved.status).toBe(200);
    const before = await databaseState(server);
    expect((await oneClick(path)).status).toBe(404);
    expect(await databaseState(server)).toEqual(before);
    // A new email, to the new address, carries a link that works.
    const fresh = await emailWithUnsubscribe({ id: riley.id, email: `moved-${riley.email}` }, 'weeklyReminder');
    expect((await oneClick(fresh.path)).status).toBe(200);
  });

  it('ends with the account', async () => {
    const riley = await signUp();
    const { path } = await emailWithUnsubscribe(riley, 'partnerCheckedIn');
    expect((await riley.client.mutation('account.delete', { password: PASSWORD })).status).toBe(200);
    expect((await oneClick(path)).status).toBe(404);
  });
});
