import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TooMany } from '#server/errors';
import { expectRefusedUnchanged, expectTrpcError } from '../helpers/assertions';
import { uniqueEmail } from '../helpers/emails';
import {
  connectCoach,
  pairedCouple,
  PASSWORD,
  signUpCoach,
  signUpPartner,
  WEDNESDAY,
  type Couple,
  type Person,
} from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { sqlRow } from '../helpers/raw-sql';

let app: TestApp;
let couple: Couple;
let coach: Person;
beforeEach(async () => {
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Ana', 'Ben']);
  coach = await signUpCoach(app, 'Coach Kim');
  await connectCoach(couple, coach);
});
afterEach(async () => {
  await app.close();
});

const storedUser = async (id: string) =>
  (await sqlRow(app, 'SELECT email, display_name FROM users WHERE id = ?', id)) as {
    email: string;
    display_name: string;
  };

describe('account.updateProfile', () => {
  it('renames the caller, and everyone who sees them reads the new name at once', async () => {
    const ana = await couple.a.api();
    const renamed = await ana.account.updateProfile({ displayName: '  Anahí  ' });
    expect(renamed).toEqual({ ...couple.a.user, coupleId: couple.coupleId, displayName: 'Anahí' });
    expect(await (await couple.a.api()).auth.me()).toEqual(renamed);
    expect((await storedUser(couple.a.user.id)).display_name).toBe('Anahí');

    const names = (dto: { partners: { displayName: string }[] }) => dto.partners.map((p) => p.displayName);
    expect(names(await (await couple.b.api()).couple.get())).toEqual(['Anahí', 'Ben']);
    expect(names(await (await coach.api()).couple.get({ coupleId: couple.coupleId }))).toEqual(['Anahí', 'Ben']);
    const roster = await (await coach.api()).coach.roster();
    expect(roster[0]!.partners.map((p) => p.displayName)).toEqual(['Anahí', 'Ben']);
  });

  it('takes a name in any script, right-to-left ones included', async () => {
    const ben = await couple.b.api();
    await expect(ben.account.updateProfile({ displayName: 'بنيامين' })).resolves.toMatchObject({
      displayName: 'بنيامين',
    });
    // A coach may rename themselves too.
    await expect((await coach.api()).account.updateProfile({ displayName: 'Kim Lee' })).resolves.toMatchObject({
      displayName: 'Kim Lee',
      role: 'coach',
    });
  });

  it.each([
    ['empty', '   ', 'Tell us what to call you.'],
    ['too long', 'A'.repeat(61), 'Keep it to 60 characters.'],
    ['disguised with a direction override', 'Ben\u202Eoc', 'Use letters, digits, spaces and punctuation only.'],
  ])('refuses a name that is %s, changing nothing', async (_label, displayName, message) => {
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).account.updateProfile({ displayName }),
      'BAD_REQUEST',
    );
    expect(error.message).toContain(message);
  });

  it('lets a demo partner choose the name they are shown by', async () => {
    const demo = await app.client();
    await (await demo.api()).demo.start();
    await expect((await demo.api()).account.updateProfile({ displayName: 'Sam' })).resolves.toMatchObject({
      displayName: 'Sam',
      isDemo: true,
    });
  });
});

describe('account.changeEmail', () => {
  it('moves the login to the new email with the current password; every session stays', async () => {
    const phone = await app.client();
    await (await phone.api()).auth.login({ email: couple.a.email, password: PASSWORD });
    const email = uniqueEmail('ana-new');
    const changed = await (
      await couple.a.api()
    ).account.changeEmail({ email: `  ${email.toUpperCase()} `, currentPassword: PASSWORD });
    expect(changed).toEqual({ ...couple.a.user, coupleId: couple.coupleId, email });
    expect((await storedUser(couple.a.user.id)).email).toBe(email);
    expect((await (await phone.api()).auth.me())?.email).toBe(email);

    const fresh = await (await app.client()).api();
    await expectTrpcError(fresh.auth.login({ email: couple.a.email, password: PASSWORD }), 'UNAUTHORIZED');
    await expect(fresh.auth.login({ email, password: PASSWORD })).resolves.toMatchObject({ id: couple.a.user.id });
    // The old address is free for someone else.
    const newcomer = await (await app.client()).api();
    await expect(
      newcomer.auth.signup({ email: couple.a.email, password: PASSWORD, displayName: 'Ada', role: 'partner' }),
    ).resolves.toMatchObject({ email: couple.a.email });
  });

  it('changes nothing for the email the account already has', async () => {
    const api = await couple.a.api();
    await expect(api.account.changeEmail({ email: couple.a.email, currentPassword: PASSWORD })).resolves.toEqual({
      ...couple.a.user,
      coupleId: couple.coupleId,
    });
  });

  it('refuses an email another account uses with CONFLICT, changing nothing', async () => {
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).account.changeEmail({ email: couple.b.email, currentPassword: PASSWORD }),
      'CONFLICT',
    );
    expect(error.message).toContain('Another account already uses this email');
  });

  it('checks the password before saying whether an email is taken', async () => {
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).account.changeEmail({ email: couple.b.email, currentPassword: 'a guess' }),
      'FORBIDDEN',
    );
    expect(error.message).toBe("That isn't your current password. Your email is unchanged.");
  });

  it('counts a wrong password like a failed login, and shares the per-session limit of the other checks', async () => {
    const api = await couple.a.api();
    const guesser = await (await app.client()).api();
    for (let i = 0; i < 9; i++)
      await expectTrpcError(guesser.auth.login({ email: couple.a.email, password: `guess ${i}` }), 'UNAUTHORIZED');
    await expectTrpcError(
      api.account.changeEmail({ email: uniqueEmail('x'), currentPassword: 'guess 9' }),
      'FORBIDDEN',
    );
    // Ten wrong passwords in the window: the account waits, even for its owner's right one.
    await expectTrpcError(guesser.auth.login({ email: couple.a.email, password: PASSWORD }), 'TOO_MANY_REQUESTS');

    const other = (await couple.b.api()).account;
    for (let i = 0; i < 3; i++)
      await expectTrpcError(other.changeEmail({ email: uniqueEmail('y'), currentPassword: `guess ${i}` }), 'FORBIDDEN');
    for (let i = 3; i < 5; i++) await expectTrpcError(other.delete({ password: `guess ${i}` }), 'FORBIDDEN');
    const refused = await expectRefusedUnchanged(
      app,
      () => other.changeEmail({ email: uniqueEmail('y'), currentPassword: PASSWORD }),
      'TOO_MANY_REQUESTS',
    );
    expect(refused.cause).toBeInstanceOf(TooMany);
  });

  it('refuses a malformed email before checking the password', async () => {
    const error = await expectRefusedUnchanged(
      app,
      async () => (await couple.a.api()).account.changeEmail({ email: 'not an email', currentPassword: PASSWORD }),
      'BAD_REQUEST',
    );
    expect(error.message).toContain('Enter an email address');
  });

  it('is not open to the demo account, which keeps its made-up address', async () => {
    const demo = await app.client();
    await (await demo.api()).demo.start();
    const error = await expectRefusedUnchanged(
      app,
      async () => (await demo.api()).account.changeEmail({ email: uniqueEmail('demo'), currentPassword: PASSWORD }),
      'FORBIDDEN',
    );
    expect(error.message).toContain("demo account's email can't be changed");
  });

  it('works for a coach and a partner without a couple alike', async () => {
    const loner = await signUpPartner(app, 'Lou');
    for (const person of [coach, loner]) {
      const email = uniqueEmail('moved');
      await expect(
        (await person.api()).account.changeEmail({ email, currentPassword: PASSWORD }),
      ).resolves.toMatchObject({ id: person.user.id, email });
    }
  });
});
