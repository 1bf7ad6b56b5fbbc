import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { addWeeks, currentWeek } from '#shared/week';
import { uniqueEmail } from './emails';
import { HttpClient, type RunningServer } from './http-server';
import { pairedLongAgo } from './paired-long-ago';
import { ratingsOf } from './ratings';
import { sqlRow, sqlRun } from './raw-sql';

export interface HttpWorld {
  /** Partners of one couple with check-ins, notes and some of every other kind of data. */
  ana: HttpClient;
  ben: HttpClient;
  /** A coach linked to the couple. */
  coach: HttpClient;
  anonymous: HttpClient;
  coupleId: string;
  /** A measure the coach scheduled every week for the couple, shown to them; Ana answered this week's. */
  assignmentId: string;
  anaEmail: string;
  password: string;
}

/** The password of everyone signed up over HTTP by these helpers. */
export const HTTP_PASSWORD = 'correct horse battery';
const PASSWORD = HTTP_PASSWORD;
const ratings = (value: number) => ratingsOf((_, i) => ((value + i) % 10) + 1);

/** A new account made through `auth.signup` over HTTP, with a browser-like client holding its session. */
export async function signUpOverHttp(
  server: Pick<RunningServer, 'baseUrl'>,
  role: 'partner' | 'coach',
  displayName: string,
): Promise<{ client: HttpClient; email: string; id: string }> {
  const client = new HttpClient(server.baseUrl);
  const email = uniqueEmail(displayName);
  const response = await client.mutation('auth.signup', { email, password: PASSWORD, displayName, role });
  expect(response.status).toBe(200);
  return { client, email, id: response.body.result.data.id as string };
}
const signUp = signUpOverHttp;

/**
 * A couple with a few weeks of check-ins made over HTTP, plus rows in the tables whose procedures live elsewhere
 * (reflections, an adopted focus, a coach link, a coach note), written directly, so every query has data to read.
 */
export async function buildHttpWorld(server: RunningServer): Promise<HttpWorld> {
  const { client: ana, email: anaEmail } = await signUp(server, 'partner', 'Ana');
  const { client: ben, email: benEmail } = await signUp(server, 'partner', 'Ben');
  const { client: coach } = await signUp(server, 'coach', 'Casey');
  const created = await ana.mutation('couple.create', {});
  expect(created.status).toBe(200);
  const coupleId = created.body.result.data.coupleId as string;
  expect((await ben.mutation('couple.join', { inviteCode: created.body.result.data.inviteCode })).status).toBe(200);
  const idOf = async (email: string) =>
    (await sqlRow<{ id: string }>(server, 'select id from users where email = ?', email))!.id;
  const anaId = await idOf(anaEmail);
  // The weeks below are of a couple that was together then.
  await pairedLongAgo(server, coupleId, [anaId, await idOf(benEmail)]);
  const week = currentWeek(new Date());
  for (let i = 3; i >= 0; i--) {
    expect(
      (
        await ana.mutation('assessment.submit', {
          week: addWeeks(week, -i),
          ratings: ratings(i),
          note: `Ana's own note ${i}`,
        })
      ).status,
    ).toBe(200);
    if (i > 0)
      expect(
        (await ben.mutation('assessment.submit', { week: addWeeks(week, -i), ratings: ratings(i + 4) })).status,
      ).toBe(200);
  }

  const coachId = (await sqlRow<{ id: string }>(
    server,
    "select id from users where role = 'coach' order by created_at desc limit 1",
  ))!.id;
  const now = new Date().toISOString();
  const insert = (sql: string, ...params: unknown[]) => sqlRun(server, sql, ...params);
  const reflection = (practiceId: string, body: string, visibility: string) =>
    insert(
      'insert into reflections (id, user_id, practice_id, body, visibility, created_at, updated_at, shared_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      randomUUID(),
      anaId,
      practiceId,
      body,
      visibility,
      now,
      now,
      visibility === 'private' ? null : now,
    );
  await reflection('trust', 'Only mine.', 'private');
  await reflection('presence', 'For both of us.', 'partner');
  await reflection('rituals', 'Coach may read.', 'partner_and_coach');
  await insert(
    'insert into couple_focuses (id, couple_id, practice_id, start_week, adopted_by, adopted_at) values (?, ?, ?, ?, ?, ?)',
    randomUUID(),
    coupleId,
    'presence',
    week,
    anaId,
    now,
  );
  await insert('insert into coach_links (couple_id, coach_id, created_at) values (?, ?, ?)', coupleId, coachId, now);
  await insert(
    'insert into coach_notes (id, coach_id, couple_id, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
    randomUUID(),
    coachId,
    coupleId,
    'Ask about rituals.',
    now,
    now,
  );
  // A questionnaire the coach scheduled, shown to the couple, that Ana has answered.
  const measure = await coach.mutation('measure.create', {
    name: 'Evenings together',
    items: [{ text: 'We had an evening for the two of us.', min: 0, max: 3, minLabel: 'Never', maxLabel: 'Often' }],
    scoring: 'sum',
  });
  expect(measure.status).toBe(200);
  const assigned = await coach.mutation('measure.assign', {
    coupleId,
    measureId: measure.body.result.data.measureId as string,
    everyWeeks: 1,
    visibleToCouple: true,
  });
  expect(assigned.status).toBe(200);
  const assignmentId = assigned.body.result.data.assignmentId as string;
  expect((await ana.mutation('measure.answer', { assignmentId, period: week, answers: [2] })).status).toBe(200);
  return {
    ana,
    ben,
    coach,
    anonymous: new HttpClient(server.baseUrl),
    coupleId,
    anaEmail,
    password: PASSWORD,
    assignmentId,
  };
}
