import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedAddressOf } from '#server/mail/verified-address';
import { databaseState } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { HTTP_PASSWORD, signUpOverHttp } from '../helpers/http-world';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRow, sqlRows, sqlRun } from '../helpers/raw-sql';
import { messageTo, startSmtpServer, type ReceivedEmail, type TestSmtpServer } from '../helpers/smtp';

const PASSWORD = HTTP_PASSWORD;
/** Links in emails name this address; the test follows them to the server it started. */
const PUBLIC_URL = 'https://tandem.example.test';

let smtp: TestSmtpServer;
let server: RunningServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({
    clientDir: null,
    ipRateLimit: false,
    publicUrl: PUBLIC_URL,
    mail: { smtpUrl: smtp.url, from: 'Tandem <tandem@example.test>' },
  });
}, 60_000);
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const signUp = (target: RunningServer, name = 'Riley') => signUpOverHttp(target, 'partner', name);

function nextEmailTo(address: string, index = 0): Promise<ReceivedEmail> {
  return messageTo(smtp, address, index);
}

function linkIn(message: ReceivedEmail): URL {
  const match = /https:\/\/tandem\.example\.test\/confirm-email\?token=[A-Za-z0-9_%-]+/.exec(message.text);
  expect(match).not.toBeNull();
  return new URL(match![0]);
}

describe('confirming an address', () => {
  it('sends a link that confirms the address, opened without a session', async () => {
    const riley = await signUp(server);
    const before = await riley.client.query('email.status', {});
    expect(before.body.result.data).toEqual({ configured: true, address: riley.email, confirmed: false });

    const sent = await riley.client.mutation('email.sendConfirmation', {});
    expect(sent.status).toBe(200);
    expect(sent.body.result.data).toEqual({ ok: true });

    const message = await nextEmailTo(riley.email);
    expect(message.to).toEqual([riley.email]);
    expect(message.subject).toBe('Confirm your email for Tandem');
    // To an address nobody has confirmed, the name its account chose is not repeated: it greets no one by name.
    expect(message.text).toContain('Hello,');
    expect(message.text).not.toContain('Riley');
    const link = linkIn(message);
    // The HTML part carries the same link (escaped), and the From of the configuration.
    expect(message.html).toContain(link.href.replace(/&/g, '&amp;'));
    expect(String((message.headers.get('from') as { text: string }).text)).toContain('tandem@example.test');
    // Anyone can type an address: its one-click link (RFC 8058) turns every kind of email off for this account.
    expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const stopAll = /^<(.+)>$/.exec(String(message.headers.get('list-unsubscribe')))![1]!;
    expect(message.text).toContain(stopAll);
    await sqlRun(
      server,
      `insert into reminder_settings (user_id, enabled, weekday, time, time_zone, email_weekly_reminder,
         email_partner_checked_in, email_both_answered, email_coach_digest, updated_at)
       values (?, 1, 7, '19:00', 'UTC', 1, 1, 1, 0, ?)`,
      riley.id,
      new Date().toISOString(),
    );
    const stopped = await new HttpClient(server.baseUrl).send(new URL(stopAll).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(stopped.status).toBe(200);
    expect(
      await sqlRow(
        server,
        `select enabled, email_weekly_reminder as w, email_partner_checked_in as p, email_both_answered as b,
           email_coach_digest as c from reminder_settings where user_id = ?`,
        riley.id,
      ),
    ).toEqual({ enabled: 1, w: 0, p: 0, b: 0, c: 0 });
    // Only its hash is stored.
    const token = link.searchParams.get('token')!;
    const stored = await sqlRow<{ token_hash: string }>(
      server,
      'select token_hash from email_confirmation_tokens where user_id = ?',
      riley.id,
    );
    expect(stored!.token_hash).not.toBe(token);

    // Opened on another device: no session, no Origin.
    const phone = new HttpClient(server.baseUrl);
    const confirmed = await phone.mutation('email.confirm', { token });
    expect(confirmed.status).toBe(200);
    expect((await riley.client.query('email.status', {})).body.result.data.confirmed).toBe(true);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBe(riley.email);

    // A link works once.
    expect((await phone.mutation('email.confirm', { token })).status).toBe(404);
  });

  it('a changed email is unconfirmed, and the old link cannot confirm it', async () => {
    const riley = await signUp(server);
    await riley.client.mutation('email.sendConfirmation', {});
    const oldToken = linkIn(await nextEmailTo(riley.email)).searchParams.get('token')!;
    const newEmail = uniqueEmail('riley-new');
    expect(
      (await riley.client.mutation('account.changeEmail', { email: newEmail, currentPassword: PASSWORD })).status,
    ).toBe(200);
    expect((await new HttpClient(server.baseUrl).mutation('email.confirm', { token: oldToken })).status).toBe(409);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBeNull();

    await riley.client.mutation('email.sendConfirmation', {});
    const token = linkIn(await nextEmailTo(newEmail)).searchParams.get('token')!;
    expect((await new HttpClient(server.baseUrl).mutation('email.confirm', { token })).status).toBe(200);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBe(newEmail);

    // Back to the first address: confirmed was the other one, so it is not confirmed now.
    expect(
      (await riley.client.mutation('account.changeEmail', { email: riley.email, currentPassword: PASSWORD })).status,
    ).toBe(200);
    expect((await riley.client.query('email.status', {})).body.result.data.confirmed).toBe(false);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBeNull();

    // And back to the confirmed one, through another: it was left behind, so it takes a new link.
    for (const email of [newEmail, uniqueEmail('riley-between'), newEmail]) {
      expect((await riley.client.mutation('account.changeEmail', { email, currentPassword: PASSWORD })).status).toBe(
        200,
      );
    }
    expect((await riley.client.query('email.status', {})).body.result.data.confirmed).toBe(false);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBeNull();
    // Nor is the address kept that was confirmed.
    expect(await sqlRows(server, 'select address from email_confirmations where user_id = ?', riley.id)).toEqual([]);
  });

  it('an expired link, an unknown one and a newer link replacing it do not confirm', async () => {
    const riley = await signUp(server);
    await riley.client.mutation('email.sendConfirmation', {});
    const first = linkIn(await nextEmailTo(riley.email)).searchParams.get('token')!;
    await riley.client.mutation('email.sendConfirmation', {});
    const second = linkIn(await nextEmailTo(riley.email, 1)).searchParams.get('token')!;
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.mutation('email.confirm', { token: first })).status).toBe(404);
    expect((await anonymous.mutation('email.confirm', { token: 'A'.repeat(43) })).status).toBe(404);

    await sqlRun(
      server,
      'update email_confirmation_tokens set expires_at = ? where user_id = ?',
      new Date(Date.now() - 1000).toISOString(),
      riley.id,
    );
    expect((await anonymous.mutation('email.confirm', { token: second })).status).toBe(404);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBeNull();
  });

  it('survives a double click: both requests answer, and only the link of one of them works', async () => {
    const riley = await signUp(server);
    const answers = await Promise.all([0, 1, 2].map(() => riley.client.mutation('email.sendConfirmation', {})));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const tokens = await Promise.all(
      [0, 1, 2].map(async (i) => linkIn(await nextEmailTo(riley.email, i)).searchParams.get('token')!),
    );
    expect(await sqlRows(server, 'select address from email_confirmation_tokens where user_id = ?', riley.id)).toEqual([
      { address: riley.email },
    ]);
    const anonymous = new HttpClient(server.baseUrl);
    const statuses = [];
    for (const token of tokens) statuses.push((await anonymous.mutation('email.confirm', { token })).status);
    expect(statuses.sort()).toEqual([200, 404, 404]);
    expect(await verifiedAddressOf(server.database.db, riley.id)).toBe(riley.email);
  });

  it('refuses edge input with 400 and changes nothing', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const before = await databaseState(server);
    for (const input of [
      {},
      { token: '' },
      { token: 'x'.repeat(101) },
      { token: 7 },
      { token: 'abc', extra: 1 },
      null,
    ]) {
      expect((await anonymous.mutation('email.confirm', input)).status).toBe(400);
    }
    const riley = await signUp(server);
    const afterSignUp = await databaseState(server);
    for (const input of [{ address: 'x@example.test' }, 'yes', []]) {
      expect((await riley.client.mutation('email.sendConfirmation', input)).status).toBe(400);
      expect((await riley.client.query('email.status', input)).status).toBe(400);
    }
    expect(await databaseState(server)).toEqual(afterSignUp);
    expect(before.counts.email_confirmations).toBe(afterSignUp.counts.email_confirmations);
  });

  it('refuses demo accounts, and limits how many links one account sends', async () => {
    const demo = new HttpClient(server.baseUrl);
    expect((await demo.mutation('demo.start', {})).status).toBe(200);
    expect((await demo.mutation('email.sendConfirmation', {})).status).toBe(403);

    const riley = await signUp(server);
    for (let i = 0; i < 5; i++) expect((await riley.client.mutation('email.sendConfirmation', {})).status).toBe(200);
    const refused = await riley.client.mutation('email.sendConfirmation', {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('without email', () => {
  let plain: RunningServer;
  beforeAll(async () => {
    plain = await startServer({ clientDir: null, ipRateLimit: false });
  }, 60_000);
  afterAll(() => plain.close());

  it('says so, and sends nothing', async () => {
    const riley = await signUp(plain);
    expect((await riley.client.query('email.status', {})).body.result.data).toEqual({
      configured: false,
      address: riley.email,
      confirmed: false,
    });
    expect((await new HttpClient(plain.baseUrl).query('email.available', {})).body.result.data).toEqual({
      available: false,
    });
    expect((await riley.client.mutation('email.sendConfirmation', {})).status).toBe(409);
  });
});

describe('a mail server that refuses or never answers', () => {
  for (const mode of ['refuse', 'hang'] as const) {
    it(`leaves the app answering when it ${mode}s`, async () => {
      const broken = await startSmtpServer({ [mode]: true });
      const app = await startServer({
        clientDir: null,
        ipRateLimit: false,
        publicUrl: PUBLIC_URL,
        mail: { smtpUrl: broken.url, from: 'tandem@example.test' },
      });
      try {
        const riley = await signUp(app);
        // Answered while the mail server is still refusing or silent: the email is sent in the background.
        const sent = await riley.client.mutation('email.sendConfirmation', {});
        expect(sent.status).toBe(200);
        expect(broken.messages).toEqual([]);
        expect((await riley.client.query('email.status', {})).status).toBe(200);
        expect((await app.database.db.selectFrom('users').select('id').execute()).length).toBe(1);
      } finally {
        await app.close();
        await broken.close();
      }
    });
  }
});
