import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HashingBusyError, hashPassword } from '#server/auth/password';
import { TooMany } from '#server/errors';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { countRows, snapshot } from '../helpers/db-state';
import { uniqueEmail } from '../helpers/emails';
import { PASSWORD, signUpPartner, WEDNESDAY } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** As slow as a real password hash, with an eighth of its memory. */
const SLOW = { N: 2 ** 14, r: 8, p: 8 };
const NEW_PASSWORD = 'a brand new password';

let app: TestApp;
/** The slow hashes each test put in the line: waited for after it, passed or failed (see fillHashingLine). */
const fillersOfThisTest: Promise<unknown>[] = [];
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
});
afterEach(async () => {
  // The line is the process's: a test that failed while holding it full must not hand a full line to the next test,
  // or to the next file this worker runs.
  await Promise.all(fillersOfThisTest.splice(0));
  await app.close();
});

/**
 * Fills the process's hashing line (two running, sixteen waiting) with slow hashes of other people, and checks that it
 * is full. None of them can finish before the caller's next few awaits (a few queries take far less than one slow
 * hash, on either database); the returned promise settles once they all have.
 */
async function fillHashingLine(): Promise<() => Promise<unknown>> {
  const fillers = Array.from({ length: 18 }, (_, i) => hashPassword('someone else', SLOW, `someone-${i}`));
  const settled = Promise.allSettled(fillers);
  fillersOfThisTest.push(settled);
  await expect(hashPassword('probe', SLOW, 'probe')).rejects.toBeInstanceOf(HashingBusyError);
  return () => settled;
}

describe('logins while the hashing line is full', () => {
  // First in this file: the decoy of an unknown email must never have been made lazily by an earlier login.
  it('answer 429 for a known, an unknown and a demo email alike, and logins work again once the line moves', async () => {
    const person = await signUpPartner(app);
    const demo = await (await (await app.client()).api()).demo.start();
    const api = await (await app.client()).api();

    const drained = await fillHashingLine();
    const unknown = await expectTrpcError(
      api.auth.login({ email: uniqueEmail('nobody'), password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    const known = await expectTrpcError(
      api.auth.login({ email: person.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    const demoLogin = await expectTrpcError(
      api.auth.login({ email: demo.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    for (const refused of [known, demoLogin]) {
      expect(refused.message).toBe(unknown.message);
      expect(refused.cause).toEqual(unknown.cause);
    }
    expect(unknown.message).toContain('busy');
    expect(unknown.cause).toBeInstanceOf(TooMany);
    await drained();

    await expect(api.auth.login({ email: person.email, password: PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
    await expectTrpcError(api.auth.login({ email: uniqueEmail('nobody'), password: PASSWORD }), 'UNAUTHORIZED');
    await expectTrpcError(api.auth.login({ email: demo.email, password: PASSWORD }), 'UNAUTHORIZED');
  }, 30_000);

  it('are not counted as failed attempts: twelve turned away still leave the right password working', async () => {
    const person = await signUpPartner(app);
    const api = await (await app.client()).api();
    const drained = await fillHashingLine();
    for (let i = 0; i < 12; i++) {
      const refused = await expectTrpcError(
        api.auth.login({ email: person.email, password: PASSWORD }),
        'TOO_MANY_REQUESTS',
      );
      expect(refused.message).toContain('busy');
    }
    await drained();
    await expect(api.auth.login({ email: person.email, password: PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
  }, 30_000);
});

describe('password checks of a logged-in person', () => {
  it('turned away as busy count neither as failed logins nor against the per-minute limit', async () => {
    const person = await signUpPartner(app);
    const api = await person.api();
    // The state is read once on each side of the twelve: on PostgreSQL each read is a round trip per table, and
    // reading it between every two refusals would give the hashing line time to move.
    const before = await snapshot(app);
    const drained = await fillHashingLine();
    for (let i = 0; i < 12; i++) {
      const refused = await expectTrpcError(api.account.delete({ password: `guess ${i}` }), 'TOO_MANY_REQUESTS');
      expect(refused.message).toContain('busy');
    }
    expect(await snapshot(app)).toEqual(before);
    await drained();
    // All five checks of the minute are still there, and none of the twelve counted as a wrong password.
    for (let i = 0; i < 4; i++) await expectTrpcError(api.account.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    await expect(
      api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ).resolves.toMatchObject({ ok: true });
  }, 30_000);

  it('are limited to five a minute per session, with a Retry-After, whatever the password', async () => {
    const person = await signUpPartner(app);
    const api = await person.api();
    for (let i = 0; i < 3; i++)
      await expectTrpcError(
        api.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }),
        'FORBIDDEN',
      );
    for (let i = 3; i < 5; i++) await expectTrpcError(api.account.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    const refused = await expectRefusedUnchanged(
      app,
      () => api.auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(refused.message).toContain('Too many password checks');
    expect(refused.cause).toBeInstanceOf(TooMany);
    expect((refused.cause as TooMany).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused.cause as TooMany).retryAfterSeconds).toBeLessThanOrEqual(60);
    await expectRefusedUnchanged(app, () => api.account.delete({ password: PASSWORD }), 'TOO_MANY_REQUESTS');

    // Someone else's checks are their own.
    const other = await signUpPartner(app);
    await expect(
      (await other.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('are limited to five a minute per account, however many sessions ask', async () => {
    const person = await signUpPartner(app);
    const sessions = [person.api()];
    for (let i = 0; i < 2; i++) {
      const browser = await app.client();
      await (await browser.api()).auth.login({ email: person.email, password: PASSWORD });
      sessions.push(browser.api());
    }
    const [first, second, third] = await Promise.all(sessions);
    for (let i = 0; i < 3; i++) await expectTrpcError(first!.account.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    for (let i = 3; i < 5; i++) await expectTrpcError(second!.account.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    const refused = await expectRefusedUnchanged(
      app,
      () => third!.account.delete({ password: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(refused.cause).toBeInstanceOf(TooMany);
    expect(await countRows(app, 'users')).toBe(1);
  });

  it('when right, do not clear the failed logins someone else ran up at the login page', async () => {
    const person = await signUpPartner(app);
    const guesser = await (await app.client()).api();
    for (let i = 0; i < 9; i++)
      await expectTrpcError(guesser.auth.login({ email: person.email, password: `guess ${i}` }), 'UNAUTHORIZED');
    await (await person.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await expectTrpcError(guesser.auth.login({ email: person.email, password: 'guess 9' }), 'UNAUTHORIZED');
    // Ten wrong guesses in the window: the account waits, even for its owner's new password.
    await expectTrpcError(guesser.auth.login({ email: person.email, password: NEW_PASSWORD }), 'TOO_MANY_REQUESTS');
  });

  it('when right, are not counted as failures either', async () => {
    const person = await signUpPartner(app);
    const guesser = await (await app.client()).api();
    for (let i = 0; i < 9; i++)
      await expectTrpcError(guesser.auth.login({ email: person.email, password: `guess ${i}` }), 'UNAUTHORIZED');
    await (await person.api()).auth.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await expect(guesser.auth.login({ email: person.email, password: NEW_PASSWORD })).resolves.toMatchObject({
      id: person.user.id,
    });
  });
});
