import type { MeasureItem, MeasureScoring } from '#shared/schemas/measure.schema';
import type { Week } from '#shared/week';
import { chunks } from '#server/db/chunks';
import type { DB } from '#server/db/database';
import { parseAnswers } from './measure-answers.repository';
import { itemsJson, parseItems } from './measures.repository';

// Measures as a person's data: what their export reads, what an import or a couple's end writes as a restored
// measure, and what a coach's account deletion leaves. The live procedures keep their own repository.

/** A version's content as the partner answered it: what tells one version from another across servers. */
export interface AnsweredVersion {
  name: string;
  instructions: string | null;
  scoring: MeasureScoring;
  items: MeasureItem[];
}

export interface OwnMeasureAnswerRow {
  versionId: string;
  version: AnsweredVersion;
  period: Week;
  answers: number[] | null;
  score: number | null;
  skipped: boolean;
  createdAt: string;
  updatedAt: string;
  importedCreatedAt: string | null;
  /** Given to a coach's schedule; false for one restored by an import (or kept after its schedule went). */
  scheduled: boolean;
}

/**
 * Every answer and skip of one person, with the version each belongs to: one query, oldest version first, then by
 * period. Whoever's measure it was (a coach's, one gone, or restored), the answers are this person's.
 */
export async function listOwnMeasureAnswers(db: DB, userId: string): Promise<OwnMeasureAnswerRow[]> {
  const rows = await db
    .selectFrom('measure_answers as a')
    .innerJoin('measure_versions as v', 'v.id', 'a.version_id')
    .select([
      'a.version_id as versionId',
      'v.name',
      'v.instructions',
      'v.scoring',
      'v.items',
      'a.period',
      'a.answers',
      'a.score',
      'a.skipped',
      'a.created_at as createdAt',
      'a.updated_at as updatedAt',
      'a.imported_created_at as importedCreatedAt',
      'a.assignment_id as assignmentId',
    ])
    .where('a.user_id', '=', userId)
    .orderBy('v.created_at')
    .orderBy('v.id')
    .orderBy('a.period')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  // Many answers share a version: its items are parsed once.
  const versions = new Map<string, AnsweredVersion>();
  const versionOf = (r: (typeof rows)[number]) => {
    let version = versions.get(r.versionId);
    if (!version) {
      version = { name: r.name, instructions: r.instructions, scoring: r.scoring, items: parseItems(r.items) };
      versions.set(r.versionId, version);
    }
    return version;
  };
  return rows.map((r) => ({
    versionId: r.versionId,
    version: versionOf(r),
    period: r.period,
    answers: parseAnswers(r.answers),
    score: r.score === null ? null : Number(r.score),
    skipped: Number(r.skipped) === 1,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    importedCreatedAt: r.importedCreatedAt,
    scheduled: r.assignmentId !== null,
  }));
}

export interface CoachMeasureRow {
  id: string;
  currentVersion: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CoachMeasureVersionRow {
  measureId: string;
  version: number;
  name: string;
  instructions: string | null;
  items: MeasureItem[];
  scoring: MeasureScoring;
  cutoffValue: number | null;
  cutoffDirection: 'below' | 'above' | null;
  reliableChange: number | null;
  source: string | null;
  createdAt: string;
}

export interface CoachAssignmentRow {
  measureId: string;
  coupleId: string;
  everyWeeks: number;
  startWeek: Week;
  visibleToCouple: boolean;
  createdAt: string;
  endedAt: string | null;
}

/** A coach's own measures with every version and every assignment they made: three queries. */
export async function listCoachMeasureData(
  db: DB,
  coachId: string,
): Promise<{ measures: CoachMeasureRow[]; versions: CoachMeasureVersionRow[]; assignments: CoachAssignmentRow[] }> {
  const measures = await db
    .selectFrom('measures')
    .select([
      'id',
      'current_version as currentVersion',
      'archived_at as archivedAt',
      'created_at as createdAt',
      'updated_at as updatedAt',
    ])
    .where('coach_id', '=', coachId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const versions = await db
    .selectFrom('measure_versions as v')
    .innerJoin('measures as m', 'm.id', 'v.measure_id')
    .select([
      'v.measure_id as measureId',
      'v.version',
      'v.name',
      'v.instructions',
      'v.items',
      'v.scoring',
      'v.cutoff_value as cutoffValue',
      'v.cutoff_direction as cutoffDirection',
      'v.reliable_change as reliableChange',
      'v.source',
      'v.created_at as createdAt',
    ])
    .where('m.coach_id', '=', coachId)
    .orderBy('v.measure_id')
    .orderBy('v.version')
    .execute();
  const assignments = await db
    .selectFrom('measure_assignments as s')
    .innerJoin('measures as m', 'm.id', 's.measure_id')
    .select([
      's.measure_id as measureId',
      's.couple_id as coupleId',
      's.every_weeks as everyWeeks',
      's.start_week as startWeek',
      's.visible_to_couple as visibleToCouple',
      's.created_at as createdAt',
      's.ended_at as endedAt',
    ])
    .where('m.coach_id', '=', coachId)
    .where('s.coach_id', '=', coachId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
  return {
    measures: measures.map((m) => ({ ...m, currentVersion: Number(m.currentVersion) })),
    versions: versions.map((v) => ({
      ...v,
      version: Number(v.version),
      items: parseItems(v.items),
      cutoffValue: v.cutoffValue === null ? null : Number(v.cutoffValue),
      reliableChange: v.reliableChange === null ? null : Number(v.reliableChange),
    })),
    assignments: assignments.map((s) => ({
      ...s,
      everyWeeks: Number(s.everyWeeks),
      visibleToCouple: Number(s.visibleToCouple) === 1,
    })),
  };
}

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

/**
 * What a coach's account leaves of their measures, just before it is deleted (which sets their coach to null):
 * - their assignments end now, so nothing more is asked of the couples;
 * - a version nobody answered is the coach's text alone and is erased, and with it a measure left with no version;
 * - a measure with answers keeps the versions answered, so those answers keep their items; its current version is
 *   the newest one left, and it loses its draft key (the coach's device's key, which identifies nothing after).
 */
export async function releaseMeasuresOfCoach(db: DB, coachId: string, nowIso: string): Promise<void> {
  await db
    .updateTable('measure_assignments')
    .set({ ended_at: nowIso })
    .where('coach_id', '=', coachId)
    .where('ended_at', 'is', null)
    .execute();
  const ownMeasures = db.selectFrom('measures').select('id').where('coach_id', '=', coachId);
  await db
    .deleteFrom('measure_versions')
    .where('measure_id', 'in', ownMeasures)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('measure_answers as a').select('a.id').whereRef('a.version_id', '=', 'measure_versions.id'),
        ),
      ),
    )
    .execute();
  await db
    .deleteFrom('measures')
    .where('coach_id', '=', coachId)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('measure_versions as v').select('v.id').whereRef('v.measure_id', '=', 'measures.id')),
      ),
    )
    .execute();
  // The coach's note on where the questionnaire came from is theirs, and no answer needs it.
  await db.updateTable('measure_versions').set({ source: null }).where('measure_id', 'in', ownMeasures).execute();
  await db
    .updateTable('measures')
    .set((eb) => ({
      draft_key: null,
      current_version: eb
        .selectFrom('measure_versions as v')
        .select((v) => v.fn.max<number>('v.version').as('latest'))
        .whereRef('v.measure_id', '=', 'measures.id'),
    }))
    .where('coach_id', '=', coachId)
    .execute();
}

/**
 * What a gone coach left of a measure survives only as far as answers need it: a version whose last answer went (its
 * partner deleted their account, or took their answers along on leaving) is erased, the measure's current version
 * becomes the newest one left, and a measure with none left goes (and its schedules with it).
 */
export async function forgetMeasuresNobodyAnswered(db: DB): Promise<void> {
  const leftBehind = db
    .selectFrom('measures')
    .select('id')
    .where('coach_id', 'is', null)
    .where('restored_for', 'is', null);
  await db
    .deleteFrom('measure_versions')
    .where('measure_id', 'in', leftBehind)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('measure_answers as a').select('a.id').whereRef('a.version_id', '=', 'measure_versions.id'),
        ),
      ),
    )
    .execute();
  await db
    .deleteFrom('measures')
    .where('coach_id', 'is', null)
    .where('restored_for', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('measure_versions as v').select('v.id').whereRef('v.measure_id', '=', 'measures.id')),
      ),
    )
    .execute();
  await db
    .updateTable('measures')
    .set((eb) => ({
      current_version: eb
        .selectFrom('measure_versions as v')
        .select((v) => v.fn.max<number>('v.version').as('latest'))
        .whereRef('v.measure_id', '=', 'measures.id'),
    }))
    .where('coach_id', 'is', null)
    .where('restored_for', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('measure_versions as v')
            .select('v.id')
            .whereRef('v.measure_id', '=', 'measures.id')
            .whereRef('v.version', '=', 'measures.current_version'),
        ),
      ),
    )
    .execute();
}
