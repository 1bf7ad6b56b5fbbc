import * as z from 'zod/mini';
import type { DB } from '#server/db/database';

// A partner's answers to one period of an assignment, or their skip of it. The answers are JSON checked on the way
// out; the score is a `double precision` (a JS number from both databases), `skipped` a 0/1 integer made a boolean here.

const storedAnswersSchema = z.array(z.int());

export function parseAnswers(json: string | null): number[] | null {
  if (json === null) return null;
  try {
    const parsed = storedAnswersSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface MeasureAnswerRow {
  id: string;
  assignmentId: string;
  userId: string;
  period: string;
  versionId: string;
  /** The version's number, read with it. */
  version: number;
  answers: number[] | null;
  score: number | null;
  skipped: boolean;
  createdAt: string;
  updatedAt: string;
  answersChangedAt: string;
}

function selectAnswers(db: DB) {
  return db
    .selectFrom('measure_answers')
    .innerJoin('measure_versions', 'measure_versions.id', 'measure_answers.version_id')
    .select([
      'measure_answers.id',
      'measure_answers.assignment_id',
      'measure_answers.user_id',
      'measure_answers.period',
      'measure_answers.version_id',
      'measure_versions.version',
      'measure_answers.answers',
      'measure_answers.score',
      'measure_answers.skipped',
      'measure_answers.created_at',
      'measure_answers.updated_at',
      'measure_answers.answers_changed_at',
    ]);
}

type StoredAnswer = Awaited<ReturnType<ReturnType<typeof selectAnswers>['executeTakeFirstOrThrow']>>;

function toAnswer(row: StoredAnswer): MeasureAnswerRow {
  const skipped = Number(row.skipped) === 1;
  const score = row.score === null || skipped ? null : Number(row.score);
  return {
    id: row.id,
    // Only rows of an assignment are read here (restored ones have none).
    assignmentId: row.assignment_id ?? '',
    userId: row.user_id,
    period: row.period,
    versionId: row.version_id,
    version: Number(row.version),
    answers: skipped ? null : parseAnswers(row.answers),
    score: score !== null && Number.isFinite(score) ? score : null,
    skipped,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    answersChangedAt: row.answers_changed_at,
  };
}

export async function findAnswer(
  db: DB,
  assignmentId: string,
  userId: string,
  period: string,
): Promise<MeasureAnswerRow | null> {
  const row = await selectAnswers(db)
    .where('measure_answers.assignment_id', '=', assignmentId)
    .where('measure_answers.user_id', '=', userId)
    .where('measure_answers.period', '=', period)
    .executeTakeFirst();
  return row ? toAnswer(row) : null;
}

/** Every answer and skip of the assignment, oldest period first. */
export async function listAnswersOfAssignment(db: DB, assignmentId: string): Promise<MeasureAnswerRow[]> {
  const rows = await selectAnswers(db)
    .where('measure_answers.assignment_id', '=', assignmentId)
    .orderBy('measure_answers.period')
    .orderBy('measure_answers.user_id')
    .execute();
  return rows.map(toAnswer);
}

/** One person's answers and skips for these assignments and periods. */
export async function listOwnAnswers(
  db: DB,
  userId: string,
  assignmentIds: readonly string[],
  periods: readonly string[],
): Promise<MeasureAnswerRow[]> {
  if (assignmentIds.length === 0 || periods.length === 0) return [];
  // Only the periods asked about: the check-in page and the dashboard ask on every visit, and years of answers
  // would otherwise be read and parsed to find one or two.
  const rows = await selectAnswers(db)
    .where('measure_answers.user_id', '=', userId)
    .where('measure_answers.assignment_id', 'in', assignmentIds)
    .where('measure_answers.period', 'in', periods)
    .execute();
  return rows.map(toAnswer);
}

export interface AnswerWrite {
  assignmentId: string;
  userId: string;
  period: string;
  versionId: string;
  /** Null for a skip. */
  answers: number[] | null;
  score: number | null;
  nowIso: string;
}

export async function insertAnswer(db: DB, id: string, write: AnswerWrite): Promise<void> {
  await db
    .insertInto('measure_answers')
    .values({
      id,
      assignment_id: write.assignmentId,
      user_id: write.userId,
      period: write.period,
      version_id: write.versionId,
      answers: write.answers === null ? null : JSON.stringify(write.answers),
      score: write.score,
      skipped: write.answers === null ? 1 : 0,
      created_at: write.nowIso,
      updated_at: write.nowIso,
      answers_changed_at: write.nowIso,
      imported_created_at: null,
    })
    .execute();
}

/**
 * New answers over an earlier row. `restart` (answers replacing a skip) makes the row's first answer now: a skip was
 * no answer, so the other partner's view of "both answered" starts from this one.
 */
export async function replaceAnswer(db: DB, id: string, write: AnswerWrite, restart: boolean): Promise<void> {
  await db
    .updateTable('measure_answers')
    .set({
      version_id: write.versionId,
      answers: write.answers === null ? null : JSON.stringify(write.answers),
      score: write.score,
      skipped: write.answers === null ? 1 : 0,
      updated_at: write.nowIso,
      answers_changed_at: write.nowIso,
      ...(restart ? { created_at: write.nowIso } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Whether anyone has answered (not merely skipped) any version of the measure. */
export async function measureHasAnswers(db: DB, measureId: string): Promise<boolean> {
  const row = await db
    .selectFrom('measure_answers')
    .innerJoin('measure_versions', 'measure_versions.id', 'measure_answers.version_id')
    .select('measure_answers.id')
    .where('measure_versions.measure_id', '=', measureId)
    .where('measure_answers.skipped', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether anyone has answered this version (then it never changes again). */
export async function versionHasAnswers(db: DB, versionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('measure_answers')
    .select('id')
    .where('version_id', '=', versionId)
    .where('skipped', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** The coach's measures that anyone has answered. */
export async function answeredMeasureIds(db: DB, coachId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('measure_answers')
    .innerJoin('measure_versions', 'measure_versions.id', 'measure_answers.version_id')
    .innerJoin('measures', 'measures.id', 'measure_versions.measure_id')
    .select('measures.id')
    .distinct()
    .where('measures.coach_id', '=', coachId)
    .where('measure_answers.skipped', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.id));
}
