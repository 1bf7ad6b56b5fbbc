import type { Role, UserDto } from '#shared/schemas/auth.schema';
import { addReflection } from './direct-rows';
import { uniqueEmail } from './emails';
import { pairedLongAgo } from './paired-long-ago';
import { ratingsOf } from './ratings';
import type { Caller, TestApp, TestClient } from './test-app';

/** A Wednesday in the middle of 2026-W48: far from every week boundary, so "this week" is unambiguous. */
export const WEDNESDAY = new Date('2026-11-25T12:00:00.000Z');
export const THIS_WEEK = '2026-W48';
export const LAST_WEEK = '2026-W47';
export const NEXT_WEEK = '2026-W49';

export const PASSWORD = 'correct horse battery';

/** Numbers the default names, so two people made without one still tell apart. */
let signUps = 0;

export interface Person {
  client: TestClient;
  user: UserDto;
  email: string;
  password: string;
  /** A caller bound to the session this person's browser holds right now. */
  api(): Promise<Caller>;
}

export async function signUp(app: TestApp, role: Role, displayName?: string): Promise<Person> {
  const client = await app.client();
  const email = uniqueEmail(role);
  signUps += 1;
  const user = await (
    await client.api()
  ).auth.signup({
    email,
    password: PASSWORD,
    displayName: displayName ?? (role === 'coach' ? 'Coach Casey' : `Partner ${signUps}`),
    role,
  });
  return { client, user, email, password: PASSWORD, api: () => client.api() };
}

export const signUpPartner = (app: TestApp, displayName?: string) => signUp(app, 'partner', displayName);
export const signUpCoach = (app: TestApp, displayName?: string) => signUp(app, 'coach', displayName);

export interface Couple {
  a: Person;
  b: Person;
  coupleId: string;
}

/**
 * Two partners: `a` created the couple and `b` joined it with the invite code. They have been a couple since long
 * before any week a test logs (see `pairedLongAgo`), `a` first; a test about joining itself pairs people by hand.
 */
export async function pairedCouple(app: TestApp, names: [string, string] = ['Ana', 'Ben']): Promise<Couple> {
  const a = await signUpPartner(app, names[0]);
  const b = await signUpPartner(app, names[1]);
  const { coupleId, inviteCode } = await (await a.api()).couple.create({});
  await (await b.api()).couple.join({ inviteCode });
  await pairedLongAgo(app, coupleId, [a.user.id, b.user.id]);
  return { a, b, coupleId };
}

/** The couple invites the coach (through partner `a`) and the coach accepts. */
export async function connectCoach(couple: Couple, coach: Person): Promise<void> {
  const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
  await (await coach.api()).coach.accept({ coachCode });
}

/**
 * Ana and Ben with two weeks of history that an export carries: Ana's two check-ins (one with a note), Ben's last
 * week with his private note, and a reflection Ana shared with Ben.
 */
export async function anaAndBenWithHistory(app: TestApp): Promise<Couple> {
  const couple = await pairedCouple(app, ['Ana', 'Ben']);
  const [ana, ben] = [await couple.a.api(), await couple.b.api()];
  await ana.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(4, { trust: 9 }), note: 'Ana, last week' });
  await ana.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7) });
  await ben.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(6), note: 'Ben, private' });
  await addReflection(app, couple.a.user.id, 'trust', 'What trust means to Ana', 'partner');
  return couple;
}
