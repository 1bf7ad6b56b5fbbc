import type { MeasureScoring } from '#shared/schemas/measure.schema';
import type { Week } from '#shared/week';
import { chunks } from '#server/db/chunks';
import type { DB } from '#server/db/database';
import type { AnsweredVersion } from './measure-data.repository';
import { itemsJson, parseItems } from './measures.repository';

// A partner's restored (kept) measures: their own, with no coach and no assignment, `restored_for` them, each holding
// one version and their answers to it. Written by an import and by a leave (or a couple's end), which move answers
// off the couple's schedules; read and deleted by their owner. Every read and delete by a person is scoped to
// `restored_for`, so an id someone else owns reads as nothing.

/** One of the person's restored versions, by its content, to restore more answers into it rather than a copy. */
export interface RestoredVersionRow {
  versionId: string;
  version: AnsweredVersion;
}

export async function listRestoredVersions(db: DB, userId: string): Promise<RestoredVersionRow[]> {
  const rows = await db
    .selectFrom('measure_versions as v')
    .innerJoin('measures as m', 'm.id', 'v.measure_id')
    .select(['v.id', 'v.name', 'v.instructions', 'v.scoring', 'v.items'])
    .where('m.restored_for', '=', userId)
    .orderBy('v.created_at')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    versionId: r.id,
    version: { name: r.name, instructions: r.instructions, scoring: r.scoring, items: parseItems(r.items) },
  }));
}

/**
 * A measure of the person's own, with no coach and no assignment, holding one version: where their answers to a
 * measure live once it no longer hangs on a couple (restored from an export, or kept when they left a couple).
 */
export async function insertRestoredMeasure(
  db: DB,
  row: { measureId: string; versionId: string; userId: string; version: AnsweredVersion; nowIso: string },
): Promise<void> {
  await db
    .insertInto('measures')
    .values({
      id: row.measureId,
      coach_id: null,
      current_version: 1,
      archived_at: null,
      created_at: row.nowIso,
      updated_at: row.nowIso,
      draft_key: null,
      restored_for: row.userId,
    })
    .execute();
  await db
    .insertInto('measure_versions')
    .values({
      id: row.versionId,
      measure_id: row.measureId,
      version: 1,
      name: row.version.name,
      instructions: row.version.instructions,
      items: itemsJson(row.version.items),
      scoring: row.version.scoring,
      cutoff_value: null,
      cutoff_direction: null,
      reliable_change: null,
      source: null,
      created_at: row.nowIso,
    })
    .execute();
}

export interface RestoredAnswer {
  id: string;
  versionId: string;
  period: Week;
  answers: number[] | null;
  score: number | null;
  skipped: boolean;
  importedCreatedAt: string;
}

/** Answers restored from a file: written now by the server's clock, with no assignment. */
export async function insertRestoredAnswers(
  db: DB,
  userId: string,
  rows: readonly RestoredAnswer[],
  nowIso: string,
): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('measure_answers')
      .values(
        chunk.map((row) => ({
          id: row.id,
          assignment_id: null,
          user_id: userId,
          period: row.period,
          version_id: row.versionId,
          answers: row.answers === null ? null : JSON.stringify(row.answers),
          score: row.score,
          skipped: row.skipped ? 1 : 0,
          created_at: nowIso,
          updated_at: nowIso,
          answers_changed_at: nowIso,
          imported_created_at: row.importedCreatedAt,
        })),
      )
      .execute();
  }
}

export interface CoupleAnswerRow {
  answerId: string;
  userId: string;
  versionId: string;
  version: AnsweredVersion;
  period: string;
  skipped: boolean;
  createdAt: string;
}

/** Every answer and skip given to the couple's assignments, by anyone who was ever in it, or by `userId` only. */
export async function listAnswersOfCouple(db: DB, coupleId: string, userId?: string): Promise<CoupleAnswerRow[]> {
  let query = db
    .selectFrom('measure_answers as a')
    .innerJoin('measure_assignments as s', 's.id', 'a.assignment_id')
    .innerJoin('measure_versions as v', 'v.id', 'a.version_id')
    .select([
      'a.id',
      'a.user_id',
      'a.version_id',
      'a.period',
      'a.skipped',
      'a.created_at',
      'v.name',
      'v.instructions',
      'v.scoring',
      'v.items',
    ])
    .where('s.couple_id', '=', coupleId)
    .orderBy('a.id');
  if (userId !== undefined) query = query.where('a.user_id', '=', userId);
  const rows = await query.execute();
  const versions = new Map<string, AnsweredVersion>();
  return rows.map((r) => {
    let version = versions.get(r.version_id);
    if (!version) {
      version = { name: r.name, instructions: r.instructions, scoring: r.scoring, items: parseItems(r.items) };
      versions.set(r.version_id, version);
    }
    return {
      answerId: r.id,
      userId: r.user_id,
      versionId: r.version_id,
      version,
      period: r.period,
      skipped: r.skipped === 1,
      createdAt: r.created_at,
    };
  });
}

/**
 * Each couple and person with answers on the couple's schedules who is no longer one of its partners: someone who left
 * before leavers took their answers along at once.
 */
export async function listAnswersOfFormerPartners(db: DB): Promise<{ coupleId: string; userId: string }[]> {
  return db
    .selectFrom('measure_answers as a')
    .innerJoin('measure_assignments as s', 's.id', 'a.assignment_id')
    .select(['s.couple_id as coupleId', 'a.user_id as userId'])
    .distinct()
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('couple_members as m')
            .select('m.user_id')
            .whereRef('m.couple_id', '=', 's.couple_id')
            .whereRef('m.user_id', '=', 'a.user_id'),
        ),
      ),
    )
    .orderBy('s.couple_id')
    .orderBy('a.user_id')
    .execute();
}

/** An answer or skip a restored measure of the person holds for a period, and when it was given. */
export interface RestoredSlot {
  answerId: string;
  versionId: string;
  period: string;
  skipped: boolean;
  /** When it was first given: the file's time for an answer restored from an export (at latest the import's), else its own. */
  createdAt: string;
}

/** What the person's restored measures already hold, one row per restored version and period. */
export async function listRestoredSlots(db: DB, userId: string): Promise<RestoredSlot[]> {
  const rows = await db
    .selectFrom('measure_answers')
    .select(['id', 'version_id', 'period', 'skipped', 'created_at', 'imported_created_at'])
    .where('user_id', '=', userId)
    .where('assignment_id', 'is', null)
    .execute();
  return rows.map((r) => ({
    answerId: r.id,
    versionId: r.version_id,
    period: r.period,
    skipped: Number(r.skipped) === 1,
    // The file's time, unless it claims a time after the import: nothing restored was given after it was imported.
    createdAt:
      r.imported_created_at !== null && r.imported_created_at < r.created_at ? r.imported_created_at : r.created_at,
  }));
}

/** Deletes answers by id: those a restored measure does not keep. */
export async function deleteAnswers(db: DB, answerIds: readonly string[]): Promise<void> {
  for (const chunk of chunks(answerIds)) await db.deleteFrom('measure_answers').where('id', 'in', chunk).execute();
}

/** Moves answers onto a restored version, off their assignment, keeping their answers, score and times. */
export async function moveAnswersToVersion(db: DB, answerIds: readonly string[], versionId: string): Promise<void> {
  for (const chunk of chunks(answerIds)) {
    await db
      .updateTable('measure_answers')
      .set({ version_id: versionId, assignment_id: null })
      .where('id', 'in', chunk)
      .execute();
  }
}

export interface KeptMeasureRow {
  measureId: string;
  name: string;
  instructions: string | null;
  scoring: MeasureScoring;
  items: ReturnType<typeof parseItems>;
  keptAt: string;
  answers: { period: Week; score: number | null; skipped: boolean }[];
}

/** The person's kept measures, the most recently first kept first (then by name), with their answers, oldest period first. */
export async function listKeptMeasures(db: DB, userId: string): Promise<KeptMeasureRow[]> {
  const [versions, answers] = await Promise.all([
    db
      .selectFrom('measures as m')
      .innerJoin('measure_versions as v', 'v.measure_id', 'm.id')
      .select(['m.id as measureId', 'v.id as versionId', 'v.name', 'v.instructions', 'v.scoring', 'v.items'])
      .select('m.created_at as keptAt')
      .where('m.restored_for', '=', userId)
      .orderBy('m.created_at', 'desc')
      .orderBy('v.name')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('measure_answers')
      .select(['version_id as versionId', 'period', 'score', 'skipped'])
      .where('user_id', '=', userId)
      .where('assignment_id', 'is', null)
      .orderBy('period')
      .execute(),
  ]);
  const byVersion = new Map<string, KeptMeasureRow['answers']>();
  for (const a of answers) {
    const list = byVersion.get(a.versionId) ?? [];
    list.push({
      period: a.period,
      score: a.score === null ? null : Number(a.score),
      skipped: Number(a.skipped) === 1,
    });
    byVersion.set(a.versionId, list);
  }
  return versions.map((v) => ({
    measureId: v.measureId,
    name: v.name,
    instructions: v.instructions,
    scoring: v.scoring,
    items: parseItems(v.items),
    keptAt: v.keptAt,
    answers: byVersion.get(v.versionId) ?? [],
  }));
}

/** Deletes one of the person's kept measures; its version and answers go with it (cascade). False when none. */
export async function deleteKeptMeasure(db: DB, userId: string, measureId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('measures')
    .where('id', '=', measureId)
    .where('restored_for', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
