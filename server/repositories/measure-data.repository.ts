import type { MeasureItem, MeasureScoring } from '#shared/schemas/measure.schema';
import type { Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { parseAnswers } from './measure-answers.repository';
import { parseItems } from './measures.repository';

// Measures as a person's data: what their export reads, and what a coach's account deletion leaves. Restored (kept)
// measures have their own repository (restored-measures.repository.ts), the live procedures theirs.

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
