import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '#server/auth/secrets';
import { issuePasswordReset } from '#server/services/password.service';
import { databaseState } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { HTTP_PASSWORD, signUpOverHttp } from '../helpers/http-world';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRow, sqlRows } from '../helpers/raw-sql';
import { messageTo, startSmtpServer, type ReceivedEmail, type TestSmtpServer } from '../helpers/smtp';

const PASSWORD = HTTP_PASSWORD;
const NEW_PASSWORD = 'a brand new sofa evening';
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

function resetTokenIn(message: ReceivedEmail): string {
  const match = /https:\/\/tandem\.example\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(message.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

describe('a password reset by email', () => {
  it('sends a one-time link, valid one hour, that the reset page accepts; even to an unconfirmed address', async () => {
    const riley = await signUp(server);
    const anonymous = new HttpClient(server.baseUrl);
    // Typed as people type it: spaces and capitals.
    const asked = await anonymous.mutation('auth.requestPasswordReset', { email: `  ${riley.email.toUpperCase()} ` });
    expect(asked.status).toBe(200);
    expect(asked.body.result.data).toEqual({ ok: true });

    const message = await nextEmailTo(riley.email);
    expect(message.subject).toBe('Set a new password for Tandem');
    // To an address nobody has confirmed, the name its account chose is not repeated: it greets no one by name.
    expect(message.text).toContain('Hello,');
    expect(message.text).not.toContain('Riley');
    expect(message.text).toContain('one hour');
    // The reset is the one email without unsubscribe headers: it is only ever sent when asked for.
    expect(message.headers.has('list-unsubscribe')).toBe(false);
    const token = resetTokenIn(message);
    expect(message.html).toContain(`${PUBLIC_URL}/reset-password?token=${token}`);

    const row = await sqlRow<{ created_at: string; expires_at: string; token_hash: string }>(
      server,
      'select created_at, expires_at, token_hash from password_resets where user_id = ?',
      riley.id,
    );
    expect(Date.parse(row!.expires_at) - Date.parse(row!.created_at)).toBe(60 * 60 * 1000);
    expect(row!.token_hash).not.toBe(token);

    // The link works over HTTP, on a device with no session; every session of the account ends.
    const reset = await anonymous.mutation('auth.resetPassword', { token, newPassword: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect((await riley.client.query('auth.me', {})).body.result.data).toBeNull();
    expect(
      (await anonymous.mutation('auth.resetPassword', { token, newPassword: 'yet another password' })).status,
    ).toBe(409);
    const login = new HttpClient(server.baseUrl);
    expect((await login.mutation('auth.login', { email: riley.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await login.mutation('auth.login', { email: riley.email, password: PASSWORD })).status).toBe(401);
  });

  it('answers the same for an unknown address, sends nothing and stores nothing', async () => {
    const riley = await signUp(server);
    const before = await databaseState(server);
    const sentBefore = smtp.messages.length;
    const answer = await new HttpClient(server.baseUrl).mutation('auth.requestPasswordReset', {
      email: uniqueEmail('nobody'),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result.data).toEqual({ ok: true });
    expect(await databaseState(server)).toEqual(before);

    // The next email to arrive is for the known address asked for afterwards, not for the unknown one.
    await new HttpClient(server.baseUrl).mutation('auth.requestPasswordReset', { email: riley.email });
    const [next] = (await smtp.waitForMessages(sentBefore + 1)).slice(sentBefore);
    expect(next!.to).toEqual([riley.email]);
  });

  it('keeps earlier links working until one is used, then ends them all; an expired link does not work', async () => {
    const riley = await signUp(server);
    const anonymous = new HttpClient(server.baseUrl);
    // Two links asked for: whoever asks for more cannot cancel the one the owner is about to use.
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      await anonymous.mutation('auth.requestPasswordReset', { email: riley.email });
      tokens.push(resetTokenIn(await nextEmailTo(riley.email, i)));
    }
    const [first, second] = tokens as [string, string];
    expect((await anonymous.mutation('auth.resetPassword', { token: second, newPassword: NEW_PASSWORD })).status).toBe(
      200,
    );
    expect(
      (await anonymous.mutation('auth.resetPassword', { token: first, newPassword: 'another fine password' })).status,
    ).toBe(404);
    await anonymous.mutation('auth.requestPasswordReset', { email: riley.email });
    const fresh = resetTokenIn(await nextEmailTo(riley.email, 2));
    await server.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', riley.id)
      .execute();
    expect((await anonymous.mutation('auth.resetPassword', { token: fresh, newPassword: NEW_PASSWORD })).status).toBe(
      404,
    );
  });

  it("stops working when the account's email changes: a link mailed to the old address cannot take the account", async () => {
    const riley = await signUp(server);
    const anonymous = new HttpClient(server.baseUrl);
    await anonymous.mutation('auth.requestPasswordReset', { email: riley.email });
    const token = resetTokenIn(await nextEmailTo(riley.email));
    // A link used before (kept until its hour is over, to tell a second use apart) holds the old address too.
    const used = await issuePasswordReset(server.database.db, riley.email, new Date(), 60 * 60 * 1000);
    await server.database.db
      .updateTable('password_resets')
      .set({ used_at: new Date().toISOString() })
      .where('token_hash', '=', hashSecret(used!.token))
      .execute();
    const newEmail = `moved-${riley.email}`;
    const moved = await riley.client.mutation('account.changeEmail', { email: newEmail, currentPassword: PASSWORD });
    expect(moved.status).toBe(200);
    // Gone with the change, and refused by its address besides (the next test).
    expect(await sqlRows(server, 'select token_hash from password_resets where user_id = ?', riley.id)).toEqual([]);
    const before = await databaseState(server);
    const refused = await anonymous.mutation('auth.resetPassword', { token, newPassword: NEW_PASSWORD });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/not valid/);
    expect(await databaseState(server)).toEqual(before);
    expect((await riley.client.query('auth.me', {})).body.result.data).toMatchObject({ email: newEmail });
    // A link asked for the new address works.
    await anonymous.mutation('auth.requestPasswordReset', { email: newEmail });
    const fresh = resetTokenIn(await nextEmailTo(newEmail));
    expect((await anonymous.mutation('auth.resetPassword', { token: fresh, newPassword: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('refuses a link sent to an address the account no longer has, even one stored as the email changed', async () => {
    const riley = await signUp(server);
    const anonymous = new HttpClient(server.baseUrl);
    await anonymous.mutation('auth.requestPasswordReset', { email: riley.email });
    const token = resetTokenIn(await nextEmailTo(riley.email));
    // The email moves without the change's own clean-up, as when the link was stored a moment after that clean-up ran.
    await server.database.db
      .updateTable('users')
      .set({ email: `elsewhere-${riley.email}` })
      .where('id', '=', riley.id)
      .execute();
    expect((await anonymous.mutation('auth.resetPassword', { token, newPassword: NEW_PASSWORD })).status).toBe(404);
    expect((await riley.client.query('auth.me', {})).body.result.data).toMatchObject({ id: riley.id });
  });

  it('sends nothing for a demo account', async () => {
    const demo = new HttpClient(server.baseUrl);
    expect((await demo.mutation('demo.start', {})).status).toBe(200);
    const me = (await demo.query('auth.me', {})).body.result.data as { email: string; id: string };
    const asked = await new HttpClient(server.baseUrl).mutation('auth.requestPasswordReset', { email: me.email });
    expect(asked.status).toBe(200);
    expect(await sqlRows(server, 'select token_hash from password_resets where user_id = ?', me.id)).toEqual([]);
  });

  it('refuses edge input with 400 and changes nothing', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const before = await databaseState(server);
    for (const input of [
      {},
      { email: '' },
      { email: 'not an address' },
      { email: `${'a'.repeat(250)}@example.test` },
      { email: 5 },
      { email: 'a@example.test', extra: true },
      null,
    ]) {
      expect((await anonymous.mutation('auth.requestPasswordReset', input)).status).toBe(400);
    }
    expect(await databaseState(server)).toEqual(before);
  });

  it('is limited per email, whether or not it has an account', async () => {
    const anonymous = new HttpClient(server.baseUrl);
    for (const email of [uniqueEmail('limited'), (await signUp(server)).email]) {
      for (let i = 0; i < 3; i++) {
        expect((await anonymous.mutation('auth.requestPasswordReset', { email })).status).toBe(200);
      }
      const refused = await anonymous.mutation('auth.requestPasswordReset', { email });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('limits per client address', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startServer({
      clientDir: null,
      publicUrl: PUBLIC_URL,
      mail: { smtpUrl: smtp.url, from: 'tandem@example.test' },
    });
  }, 60_000);
  afterAll(() => limited.close());

  it('refuses an address asking for too many reset emails, whichever emails it names', async () => {
    const anonymous = new HttpClient(limited.baseUrl);
    for (let i = 0; i < 10; i++) {
      expect((await anonymous.mutation('auth.requestPasswordReset', { email: uniqueEmail('spread') })).status).toBe(
        200,
      );
    }
    const refused = await anonymous.mutation('auth.requestPasswordReset', { email: uniqueEmail('spread') });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other calls from the address are not held by this limit.
    expect((await anonymous.query('email.available', {})).body.result.data).toEqual({ available: true });
  });

  it('refuses a reset request batched with other calls', async () => {
    const anonymous = new HttpClient(limited.baseUrl);
    const batched = await anonymous.send('/trpc/auth.requestPasswordReset,auth.requestPasswordReset?batch=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 0: { email: uniqueEmail('a') }, 1: { email: uniqueEmail('b') } }),
    });
    expect(batched.status).toBe(400);
  });
});

describe('a mail server that refuses or never answers', () => {
  for (const mode of ['refuse', 'hang'] as const) {
    it(`leaves the reset request answering when it ${mode}s`, async () => {
      const broken = await startSmtpServer({ [mode]: true });
      const app = await startServer({
        clientDir: null,
        ipRateLimit: false,
        publicUrl: PUBLIC_URL,
        mail: { smtpUrl: broken.url, from: 'tandem@example.test' },
      });
      try {
        const riley = await signUp(app);
        const asked = await new HttpClient(app.baseUrl).mutation('auth.requestPasswordReset', { email: riley.email });
        expect(asked.status).toBe(200);
        expect(broken.messages).toEqual([]);
        expect((await riley.client.query('auth.me', {})).status).toBe(200);
      } finally {
        await app.close();
        await broken.close();
      }
    });
  }
});
