import { randomUUID } from 'node:crypto';
import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';
import type { Week } from '#shared/week';
import { insertRestoredAnswers, insertRestoredMeasure } from '#server/repositories/restored-measures.repository';
import type { TestApp } from './test-app';

// Rows of the focus, reflection, coach and kept-measure features, written straight into their tables, so the account rules
// (export, leave, delete) can be checked against them whatever those features' own procedures look like.

export async function addReflection(
  app: TestApp,
  userId: string,
  practiceId: string,
  body: string,
  visibility: ReflectionVisibility = 'private',
  at = '2026-11-20T10:00:00.000Z',
) {
  await app.database.db
    .insertInto('reflections')
    // Shared when written, as the app records it.
    .values({
      id: randomUUID(),
      user_id: userId,
      practice_id: practiceId,
      body,
      visibility,
      created_at: at,
      updated_at: at,
      shared_at: visibility === 'private' ? null : at,
    })
    .execute();
}

export async function addFocus(
  app: TestApp,
  coupleId: string,
  adoptedBy: string,
  practiceId: string,
  startWeek: string,
  endWeek: string | null = null,
) {
  await app.database.db
    .insertInto('couple_focuses')
    .values({
      id: randomUUID(),
      couple_id: coupleId,
      practice_id: practiceId,
      start_week: startWeek,
      end_week: endWeek,
      adopted_by: adoptedBy,
      adopted_at: '2026-11-02T09:00:00.000Z',
      ended_at: endWeek ? '2026-11-16T09:00:00.000Z' : null,
    })
    .execute();
}

/** A coach with the couple's consent, an assigned focus, a note and a log line, as the coach workspace leaves them. */
export async function linkCoach(app: TestApp, coupleId: string, coachId: string, coachName = 'Coach Casey') {
  const db = app.database.db;
  const at = '2026-11-10T09:00:00.000Z';
  await db.insertInto('coach_links').values({ couple_id: coupleId, coach_id: coachId, created_at: at }).execute();
  await db
    .insertInto('coach_focuses')
    .values({ couple_id: coupleId, coach_id: coachId, practice_id: 'trust', note: 'Start small', assigned_at: at })
    .execute();
  await db
    .insertInto('coach_notes')
    .values({
      id: randomUUID(),
      coach_id: coachId,
      couple_id: coupleId,
      body: 'First session went well',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('coach_access_log')
    .values({ id: randomUUID(), couple_id: coupleId, coach_id: coachId, coach_name: coachName, what: 'dashboard', at })
    .execute();
}

/** An unused coach code made by a partner, as the coach invitation leaves it. */
export async function addCoachInvite(
  app: TestApp,
  coupleId: string,
  createdBy: string,
  expiresAt = '2026-12-01T00:00:00.000Z',
) {
  await app.database.db
    .insertInto('coach_invites')
    .values({
      code_hash: randomUUID(),
      couple_id: coupleId,
      created_by: createdBy,
      created_at: '2026-11-24T00:00:00.000Z',
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
}

/** A kept measure of the person's own (as an import restores one), with one answer this week; returns its id. */
export async function addKeptMeasure(
  app: TestApp,
  userId: string,
  name: string,
  period: Week,
  itemText = 'How close did we feel?',
): Promise<string> {
  const [measureId, versionId, nowIso] = [randomUUID(), randomUUID(), app.deps.now().toISOString()];
  const version = {
    name,
    instructions: null,
    scoring: 'sum' as const,
    items: [{ text: itemText, min: 0, max: 10, minLabel: 'Far', maxLabel: 'Close', reverse: false }],
  };
  await insertRestoredMeasure(app.database.db, { measureId, versionId, userId, version, nowIso });
  const answer = {
    id: randomUUID(),
    versionId,
    period,
    answers: [7],
    score: 7,
    skipped: false,
    importedCreatedAt: nowIso,
  };
  await insertRestoredAnswers(app.database.db, userId, [answer], nowIso);
  return measureId;
}
