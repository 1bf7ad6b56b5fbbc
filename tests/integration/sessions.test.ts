import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteExpiredSessions } from '#server/repositories/sessions.repository';
import { deleteExpiredPasswordResets } from '#server/repositories/credentials.repository';
import { login } from '#server/services/auth.service';
import { hashSecret } from '#server/auth/secrets';
import { issuePasswordReset } from '#server/services/password.service';
import { liveAt } from '#server/auth/session-lifetime';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows } from '../helpers/db-state';
import { PASSWORD, signUpPartner, WEDNESDAY, type Person } from '../helpers/factories';
import { createTestApp, type Caller, type TestApp } from '../helpers/test-app';
import { sqlRow, sqlRows } from '../helpers/raw-sql';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NEW_PASSWORD = 'a brand new passphrase';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  await app.close();
});

const at = (ms: number) => app.setNow(new Date(WEDNESDAY.getTime() + ms));

/** Another browser where the same person logs in. */
async function secondDevice(person: Person): Promise<{ api: () => Promise<Caller> }> {
  const client = await app.client();
  await (await client.api()).auth.login({ email: person.email, password: person.password });
  return { api: () => client.api() };
}

describe('session lifetime', () => {
  it('defaults to 30 days idle and 90 days at most', () => {
    expect(app.deps.config.sessionIdleMs).toBe(30 * DAY);
    expect(app.deps.config.sessionAbsoluteMs).toBe(90 * DAY);
  });

  it('ends a session left unused for 30 days, and not one day earlier', async () => {
    const person = await signUpPartner(app);
    at(30 * DAY - HOUR);
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    // That use counts: another 30 days from now.
    at(60 * DAY - 2 * HOUR);
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    // Thirty days and an hour after that last use, still before the 90-day end: idle, so ended.
    at(60 * DAY - 2 * HOUR + 30 * DAY + HOUR);
    expect(await (await person.api()).auth.me()).toBeNull();
    await expectTrpcError((await person.api()).account.export(), 'UNAUTHORIZED');
  });

  it('ends a session 90 days after login however often it is used', async () => {
    const person = await signUpPartner(app);
    for (let day = 20; day < 90; day += 20) {
      at(day * DAY);
      expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    }
    at(90 * DAY - HOUR);
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    at(90 * DAY + HOUR);
    expect(await (await person.api()).auth.me()).toBeNull();
    // Logging in again starts a new 90 days.
    await (await person.api()).auth.login({ email: person.email, password: PASSWORD });
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
  });

  it('records use at most once an hour, so reads stay reads', async () => {
    const person = await signUpPartner(app);
    const lastSeen = async () =>
      ((await sqlRow(app, 'SELECT last_seen_at FROM sessions')) as { last_seen_at: string }).last_seen_at;
    at(30 * 60 * 1000);
    await (await person.api()).auth.me();
    expect(await lastSeen()).toBe(WEDNESDAY.toISOString());
    at(2 * HOUR);
    await (await person.api()).auth.me();
    expect(await lastSeen()).toBe(new Date(WEDNESDAY.getTime() + 2 * HOUR).toISOString());
  });

  it('lets housekeeping remove idle and outlived sessions, and only those', async () => {
    const idle = await signUpPartner(app);
    const busy = await signUpPartner(app);
    at(29 * DAY);
    await (await busy.api()).auth.me();
    at(31 * DAY);
    await deleteExpiredSessions(app.database.db, liveAt(app.deps.config, new Date(WEDNESDAY.getTime() + 31 * DAY)));
    expect(await countRows(app, 'sessions')).toBe(1);
    expect((await (await busy.api()).auth.me())?.id).toBe(busy.user.id);
    expect(await (await idle.api()).auth.me()).toBeNull();
  });
});

describe('auth.logoutEverywhere', () => {
  it("ends every session of the caller, this one included, and no one else's", async () => {
    const person = await signUpPartner(app);
    const other = await signUpPartner(app);
    const phone = await secondDevice(person);
    expect(await (await person.api()).auth.logoutEverywhere()).toEqual({ ok: true });
    expect(person.client.jar.token).toBeUndefined();
    expect(await (await phone.api()).auth.me()).toBeNull();
    expect((await (await other.api()).auth.me())?.id).toBe(other.user.id);
    expect(await countRows(app, 'sessions')).toBe(1);
  });

  it('needs a session', async () => {
    const anonymous = await (await app.client()).api();
    await expectRefusedUnchanged(app, () => anonymous.auth.logoutEverywhere(), 'UNAUTHORIZED');
  });
});

describe('auth.changePassword', () => {
  it('needs the current password; keeps this session and ends the others', async () => {
    const person = await signUpPartner(app);
    const phone = await secondDevice(person);
    const result = await (
      await person.api()
    ).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(result).toEqual({ ok: true, otherSessionsEnded: 1 });
    expect((await (await person.api()).auth.me())?.id).toBe(person.user.id);
    expect(await (await phone.api()).auth.me()).toBeNull();

    const fresh = await (await app.client()).api();
    await expectTrpcError(fresh.auth.login({ email: person.email, password: PASSWORD }), 'UNAUTHORIZED');
    expect((await fresh.auth.login({ email: person.email, password: NEW_PASSWORD })).id).toBe(person.user.id);
  });

  it('refuses a wrong current password with FORBIDDEN, changing nothing', async () => {
    const person = await signUpPartner(app);
    await secondDevice(person);
    const error = await expectRefusedUnchanged(
      app,
      async () =>
        (await person.api()).auth.changePassword({ currentPassword: 'not the password', newPassword: NEW_PASSWORD }),
      'FORBIDDEN',
    );
    expect(error.message).toContain("isn't your current password");
  });

  it('refuses a new password that is too short, before checking anything', async () => {
    const person = await signUpPartner(app);
    const error = await expectRefusedUnchanged(
      app,
      async () => (await person.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: 'short' }),
      'BAD_REQUEST',
    );
    expect(error.message).toContain('at least 10');
  });

  it('makes an open reset link stop working', async () => {
    const person = await signUpPartner(app);
    const reset = await issuePasswordReset(app.database.db, person.email, WEDNESDAY, HOUR);
    await (await person.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const anonymous = await (await app.client()).api();
    await expectTrpcError(
      anonymous.auth.resetPassword({ token: reset!.token, newPassword: 'the thief wants this' }),
      'NOT_FOUND',
    );
  });
});

describe('auth.resetPassword', () => {
  it('sets a new password once, and ends every session of that person', async () => {
    const person = await signUpPartner(app);
    const phone = await secondDevice(person);
    const reset = await issuePasswordReset(app.database.db, `  ${person.email.toUpperCase()} `, WEDNESDAY, HOUR);
    expect(reset?.expiresAt).toEqual(new Date(WEDNESDAY.getTime() + HOUR));
    // Only the hash is kept.
    expect(JSON.stringify(await sqlRows(app, 'SELECT * FROM password_resets'))).not.toContain(reset!.token);

    const anonymous = await (await app.client()).api();
    expect(await anonymous.auth.resetPassword({ token: reset!.token, newPassword: NEW_PASSWORD })).toEqual({
      ok: true,
    });
    expect(await (await person.api()).auth.me()).toBeNull();
    expect(await (await phone.api()).auth.me()).toBeNull();
    expect(await countRows(app, 'sessions')).toBe(0);
    expect((await anonymous.auth.login({ email: person.email, password: NEW_PASSWORD })).id).toBe(person.user.id);

    const error = await expectRefusedUnchanged(
      app,
      () => anonymous.auth.resetPassword({ token: reset!.token, newPassword: 'once more, please' }),
      'CONFLICT',
    );
    expect(error.message).toContain('already been used');

    // Kept, used, until its hour is over; then housekeeping removes it, and only what is past its time.
    const afterAnHour = new Date(WEDNESDAY.getTime() + HOUR);
    const later = await issuePasswordReset(app.database.db, person.email, afterAnHour, HOUR);
    await deleteExpiredPasswordResets(app.database.db, afterAnHour.toISOString());
    expect(await sqlRows(app, 'SELECT token_hash FROM password_resets')).toEqual([
      { token_hash: hashSecret(later!.token) },
    ]);
  });

  it('refuses a link after its hour, an unknown one, and one replaced by a newer link', async () => {
    const person = await signUpPartner(app);
    const first = await issuePasswordReset(app.database.db, person.email, WEDNESDAY, HOUR);
    const second = await issuePasswordReset(app.database.db, person.email, WEDNESDAY, HOUR);
    const anonymous = await (await app.client()).api();
    await expectRefusedUnchanged(
      app,
      () => anonymous.auth.resetPassword({ token: first!.token, newPassword: NEW_PASSWORD }),
      'NOT_FOUND',
    );
    await expectRefusedUnchanged(
      app,
      () => anonymous.auth.resetPassword({ token: 'made-up-token', newPassword: NEW_PASSWORD }),
      'NOT_FOUND',
    );
    at(HOUR + 1000);
    const error = await expectRefusedUnchanged(
      app,
      () => anonymous.auth.resetPassword({ token: second!.token, newPassword: NEW_PASSWORD }),
      'NOT_FOUND',
    );
    expect(error.message).toContain('expired');
  });

  it('lets someone locked out by wrong guesses log in with the new password at once', async () => {
    const person = await signUpPartner(app);
    const anonymous = await (await app.client()).api();
    for (let i = 0; i < 10; i++)
      await expectTrpcError(anonymous.auth.login({ email: person.email, password: `guess ${i}` }), 'UNAUTHORIZED');
    await expectTrpcError(anonymous.auth.login({ email: person.email, password: PASSWORD }), 'TOO_MANY_REQUESTS');
    const reset = await issuePasswordReset(app.database.db, person.email, WEDNESDAY, HOUR);
    await anonymous.auth.resetPassword({ token: reset!.token, newPassword: NEW_PASSWORD });
    expect((await anonymous.auth.login({ email: person.email, password: NEW_PASSWORD })).id).toBe(person.user.id);
  });

  it('makes no link for an unknown email', async () => {
    expect(await issuePasswordReset(app.database.db, 'nobody@example.test', WEDNESDAY, HOUR)).toBeNull();
    expect(await sqlRow(app, 'SELECT count(*) AS n FROM password_resets')).toEqual({ n: 0 });
  });
});

describe('a login racing a change of password', () => {
  /**
   * The app's dependencies with `between` run after the login has checked the password and before it starts the
   * session (the failed-login count is cleared there): what another request may commit in that moment.
   */
  const withCommitBetween = (between: () => Promise<unknown>) => {
    const real = app.deps.failedLogins;
    const failedLogins = new Proxy(real, {
      get(target, property) {
        if (property === 'reset')
          return async (account: string) => {
            await target.reset(account);
            await between();
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { ...app.deps, failedLogins };
  };
  const handle = () => {
    const jar: { token?: string } = {};
    return {
      jar,
      session: { id: null, cookie: { read: () => jar.token, set: (t: string) => (jar.token = t), clear() {} } },
    };
  };
  const sessionsOf = async (userId: string) =>
    (await sqlRows(app, 'SELECT user_id FROM sessions WHERE user_id = ?', userId)).length;

  it('makes no session once a reset or a change of password committed while the old password was checked', async () => {
    for (const change of ['reset', 'change'] as const) {
      const person = await signUpPartner(app);
      const reset = await issuePasswordReset(app.database.db, person.email, WEDNESDAY, HOUR);
      const anonymous = await (await app.client()).api();
      const deps = withCommitBetween(async () =>
        change === 'reset'
          ? anonymous.auth.resetPassword({ token: reset!.token, newPassword: NEW_PASSWORD })
          : (await person.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      );
      const { jar, session } = handle();
      await expect(login(deps, session, { email: person.email, password: PASSWORD })).rejects.toThrow(/don't match/);
      expect(jar.token).toBeUndefined();
      // Only the session of the one who changed it, if any: a change keeps the changer's own session.
      expect(await sessionsOf(person.user.id)).toBe(change === 'change' ? 1 : 0);
      // The new password works, as before.
      expect((await anonymous.auth.login({ email: person.email, password: NEW_PASSWORD })).id).toBe(person.user.id);
    }
  });

  it('refuses a login whose account was deleted meanwhile with the same 401, never a 500', async () => {
    const person = await signUpPartner(app);
    const deps = withCommitBetween(async () => (await person.api()).account.delete({ password: PASSWORD }));
    const { jar, session } = handle();
    await expect(login(deps, session, { email: person.email, password: PASSWORD })).rejects.toThrow(/don't match/);
    expect(jar.token).toBeUndefined();
    expect(await sqlRows(app, 'SELECT id FROM users WHERE id = ?', person.user.id)).toEqual([]);
  });
});
