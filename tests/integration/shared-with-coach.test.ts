import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRefusedUnchanged } from '../helpers/assertions';
import { connectCoach, pairedCouple, signUpCoach, WEDNESDAY, type Couple, type Person } from '../helpers/factories';
import { createTestApp, type TestApp } from '../helpers/test-app';

/**
 * What a partner shares "with our coach" is shared with the coaches the couple has at that moment. A coach reads it
 * while their access lasts, and only what was shared from the start of their own access on: a coach let in later was
 * not among the people it was shared with.
 */
const MINUTE = 60 * 1000;

let app: TestApp;
let couple: Couple;
let clock: number;
const step = () => {
  clock += MINUTE;
  app.setNow(new Date(clock));
};

beforeEach(async () => {
  clock = WEDNESDAY.getTime();
  app = await createTestApp({}, WEDNESDAY);
  couple = await pairedCouple(app, ['Riley', 'Sam']);
});
afterEach(async () => {
  await app.close();
});

const bodiesFor = async (coach: Person) =>
  (await (await coach.api()).reflection.list({ coupleId: couple.coupleId })).map((r) => r.body);

describe('reflections shared with the coach', () => {
  it('reach the coaches of that moment, not a coach let in later', async () => {
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach(couple, kim);
    const riley = await couple.a.api();
    step();
    const early = await riley.reflection.save({
      practiceId: 'trust',
      body: 'Shared while Kim coached us',
      visibility: 'partner_and_coach',
    });
    await riley.reflection.save({ practiceId: 'trust', body: 'Only for Sam', visibility: 'partner' });
    await riley.reflection.save({ practiceId: 'trust', body: 'Only for me' });

    const lee = await signUpCoach(app, 'Lee');
    step();
    await connectCoach(couple, lee);
    step();
    await (
      await couple.b.api()
    ).reflection.save({ practiceId: 'empathy', body: 'Sam, for both coaches', visibility: 'partner_and_coach' });

    expect(await bodiesFor(kim)).toEqual(['Sam, for both coaches', 'Shared while Kim coached us']);
    // Lee was not there when Riley shared hers: it was shared with Kim, not with whoever came next.
    expect(await bodiesFor(lee)).toEqual(['Sam, for both coaches']);
    // Sam, her partner, reads both shared ones; neither coach reads the one for Sam only.
    expect((await (await couple.b.api()).reflection.list()).map((r) => r.body).sort()).toEqual([
      'Only for Sam',
      'Sam, for both coaches',
      'Shared while Kim coached us',
    ]);

    // Shared again now (made private, then shared with the coach), it reaches Lee too.
    step();
    await riley.reflection.setVisibility({ id: early.id, visibility: 'private' });
    await riley.reflection.setVisibility({ id: early.id, visibility: 'partner_and_coach' });
    expect(await bodiesFor(lee)).toEqual(['Sam, for both coaches', 'Shared while Kim coached us']);
  });

  it('stop reaching a coach whose access ended, and a coach let back in reads only what is shared from then on', async () => {
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach(couple, kim);
    step();
    await (
      await couple.a.api()
    ).reflection.save({ practiceId: 'trust', body: 'Before the break', visibility: 'partner_and_coach' });
    expect(await bodiesFor(kim)).toEqual(['Before the break']);
    step();
    await (await couple.a.api()).couple.revokeCoach({ coachId: kim.user.id });
    await expectRefusedUnchanged(
      app,
      async () => (await kim.api()).reflection.list({ coupleId: couple.coupleId }),
      'FORBIDDEN',
    );
    step();
    await connectCoach(couple, kim);
    expect(await bodiesFor(kim)).toEqual([]);
    step();
    await (
      await couple.a.api()
    ).reflection.save({ practiceId: 'trust', body: 'After the break', visibility: 'partner_and_coach' });
    expect(await bodiesFor(kim)).toEqual(['After the break']);
  });

  it('are a read the couple sees in its access log', async () => {
    const kim = await signUpCoach(app, 'Kim');
    await connectCoach(couple, kim);
    await bodiesFor(kim);
    expect((await (await couple.a.api()).couple.coachAccessLog()).map((r) => r.what)).toEqual(['reflections']);
  });
});
