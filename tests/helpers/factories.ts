import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { PRACTICE_IDS, type PracticeId } from '../../shared/practices';
import type { Role, UserDto } from '../../shared/schemas/auth.schema';
import type { Ratings } from '../../shared/schemas/common.schema';
import { pairedLongAgo } from './paired-long-ago';
import type { Caller, TestApp, TestClient } from './test-app';

/** A Wednesday in the middle of 2026-W48: far from every week boundary, so "this week" is unambiguous. */
export const WEDNESDAY = new Date('2026-11-25T12:00:00.000Z');
export const THIS_WEEK = '2026-W48';
export const LAST_WEEK = '2026-W47';
export const NEXT_WEEK = '2026-W49';

export const PASSWORD = 'correct horse battery';

let counter = 0;
const runId = randomBytes(3).toString('hex');

/** A fresh address on every call, so no two sign-ups in a test run ever collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${runId}-${counter}@example.test`;
}

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
  const user = await (await client.api()).auth.signup({
    email,
    password: PASSWORD,
    displayName: displayName ?? (role === 'coach' ? 'Coach Casey' : `Partner ${counter}`),
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
  pairedLongAgo(app.database.sqlite, coupleId, [a.user.id, b.user.id]);
  return { a, b, coupleId };
}

/** The couple invites the coach (through partner `a`) and the coach accepts. */
export async function connectCoach(couple: Couple, coach: Person): Promise<void> {
  const { coachCode } = await (await couple.a.api()).couple.inviteCoach({});
  await (await coach.api()).coach.accept({ coachCode });
}

/** All ten ratings: one value for every practice, or a base value (5 unless given) with some overridden. */
export function ratingsOf(value: number | Partial<Ratings>, overrides: Partial<Ratings> = {}): Ratings {
  const base = typeof value === 'number' ? value : 5;
  const extra = typeof value === 'number' ? overrides : { ...value, ...overrides };
  return Object.fromEntries(PRACTICE_IDS.map((id: PracticeId) => [id, extra[id] ?? base])) as Ratings;
}

/** Awaits a call that must be refused and checks the tRPC code; returns the error for further checks. */
export async function expectTrpcError(call: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected ${code}, but the call succeeded with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCError);
  expect((outcome.error as TRPCError).code).toBe(code);
  return outcome.error as TRPCError;
}

const TABLES = [
  'users',
  'sessions',
  'couples',
  'couple_members',
  'couple_invites',
  'assessments',
  'couple_focuses',
  'reflections',
  'coach_invites',
  'coach_links',
  'coach_access_log',
  'coach_focuses',
  'coach_notes',
  'password_resets',
] as const;
export type Table = (typeof TABLES)[number];

export function countRows(app: TestApp, table: Table): number {
  return (app.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Every row of every table, in a stable order: equal snapshots mean a refused call changed nothing. */
export function snapshot(app: TestApp): Record<Table, unknown[]> {
  return Object.fromEntries(
    TABLES.map((table) => [table, app.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]),
  ) as Record<Table, unknown[]>;
}

/** Checks that the call is refused with `code` and that the database is exactly as it was before. */
export async function expectRefusedUnchanged(app: TestApp, call: () => Promise<unknown>, code: TRPCError['code']) {
  const before = snapshot(app);
  const error = await expectTrpcError(call(), code);
  expect(snapshot(app)).toEqual(before);
  return error;
}
