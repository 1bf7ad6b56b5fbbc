import type { DB } from '#server/db/database';

// A measure scheduled for a couple. `visible_to_couple` is a 0/1 integer in both databases; it leaves here as a boolean.

export interface MeasureAssignmentRow {
  id: string;
  measureId: string;
  coupleId: string;
  coachId: string | null;
  everyWeeks: number;
  startWeek: string;
  visibleToCouple: boolean;
  createdAt: string;
  endedAt: string | null;
}

/** With what a list shows beside it: the measure's current name and the assigning coach's name. */
export interface MeasureAssignmentListRow extends MeasureAssignmentRow {
  measureName: string;
  coachName: string | null;
}

const ASSIGNMENT_COLUMNS = [
  'measure_assignments.id as id',
  'measure_assignments.measure_id as measureId',
  'measure_assignments.couple_id as coupleId',
  'measure_assignments.coach_id as coachId',
  'measure_assignments.every_weeks as everyWeeks',
  'measure_assignments.start_week as startWeek',
  'measure_assignments.visible_to_couple as visibleToCouple',
  'measure_assignments.created_at as createdAt',
  'measure_assignments.ended_at as endedAt',
] as const;

interface StoredAssignment extends Omit<MeasureAssignmentRow, 'visibleToCouple'> {
  visibleToCouple: number;
}

function toAssignment<T extends StoredAssignment>(row: T): Omit<T, 'visibleToCouple'> & MeasureAssignmentRow {
  return { ...row, everyWeeks: Number(row.everyWeeks), visibleToCouple: Number(row.visibleToCouple) === 1 };
}

export async function insertAssignment(db: DB, assignment: Omit<MeasureAssignmentRow, 'endedAt'>): Promise<void> {
  await db
    .insertInto('measure_assignments')
    .values({
      id: assignment.id,
      measure_id: assignment.measureId,
      couple_id: assignment.coupleId,
      coach_id: assignment.coachId,
      every_weeks: assignment.everyWeeks,
      start_week: assignment.startWeek,
      visible_to_couple: assignment.visibleToCouple ? 1 : 0,
      created_at: assignment.createdAt,
      ended_at: null,
    })
    .execute();
}

export async function findAssignment(db: DB, assignmentId: string): Promise<MeasureAssignmentRow | null> {
  const row = await db
    .selectFrom('measure_assignments')
    .select(ASSIGNMENT_COLUMNS)
    .where('measure_assignments.id', '=', assignmentId)
    .executeTakeFirst();
  return row ? toAssignment(row) : null;
}

/** The measure's assignment to the couple still running, if any (there is at most one). */
export async function findActiveAssignment(
  db: DB,
  measureId: string,
  coupleId: string,
): Promise<MeasureAssignmentRow | null> {
  const row = await db
    .selectFrom('measure_assignments')
    .select(ASSIGNMENT_COLUMNS)
    .where('measure_assignments.measure_id', '=', measureId)
    .where('measure_assignments.couple_id', '=', coupleId)
    .where('measure_assignments.ended_at', 'is', null)
    .orderBy('measure_assignments.created_at')
    .executeTakeFirst();
  return row ? toAssignment(row) : null;
}

/** Stops one assignment; one already stopped keeps when it was. */
export async function endAssignment(db: DB, assignmentId: string, nowIso: string): Promise<void> {
  await db
    .updateTable('measure_assignments')
    .set({ ended_at: nowIso })
    .where('id', '=', assignmentId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function endAssignmentsOfMeasure(db: DB, measureId: string, nowIso: string): Promise<void> {
  await db
    .updateTable('measure_assignments')
    .set({ ended_at: nowIso })
    .where('measure_id', '=', measureId)
    .where('ended_at', 'is', null)
    .execute();
}

/** When a couple revokes a coach: whatever that coach scheduled for them stops with the access. */
export async function endAssignmentsOfCoachForCouple(
  db: DB,
  coupleId: string,
  coachId: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('measure_assignments')
    .set({ ended_at: nowIso })
    .where('couple_id', '=', coupleId)
    .where('coach_id', '=', coachId)
    .where('ended_at', 'is', null)
    .execute();
}

/** How many assignments of each of the coach's measures still run. */
export async function countActiveAssignmentsByMeasure(db: DB, coachId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('measure_assignments')
    .select((eb) => ['measure_id', eb.fn.countAll<number>().as('count')])
    .where('coach_id', '=', coachId)
    .where('ended_at', 'is', null)
    .groupBy('measure_id')
    .execute();
  return new Map(rows.map((r) => [r.measure_id, Number(r.count)]));
}

/**
 * A couple's assignments, newest first: of one coach (`coachId`), or those whose scores the couple sees
 * (`visibleOnly`). The name is the measure's current one.
 */
export async function listCoupleAssignments(
  db: DB,
  coupleId: string,
  filter: { coachId: string } | { visibleOnly: true },
): Promise<MeasureAssignmentListRow[]> {
  let query = db
    .selectFrom('measure_assignments')
    .innerJoin('measures', 'measures.id', 'measure_assignments.measure_id')
    .innerJoin('measure_versions', (join) =>
      join
        .onRef('measure_versions.measure_id', '=', 'measures.id')
        .onRef('measure_versions.version', '=', 'measures.current_version'),
    )
    .leftJoin('users', 'users.id', 'measure_assignments.coach_id')
    .select([...ASSIGNMENT_COLUMNS, 'measure_versions.name as measureName', 'users.display_name as coachName'])
    .where('measure_assignments.couple_id', '=', coupleId);
  query =
    'coachId' in filter
      ? query.where('measure_assignments.coach_id', '=', filter.coachId)
      : query.where('measure_assignments.visible_to_couple', '=', 1);
  const rows = await query
    .orderBy('measure_assignments.created_at', 'desc')
    .orderBy('measure_assignments.id', 'desc')
    .execute();
  return rows.map(toAssignment);
}

/**
 * The couple's running assignments whose coach still holds the couple's consent (the join on coach_links is the
 * consent), with the measure's current version number.
 */
export async function listLiveAssignmentsOfCouple(
  db: DB,
  coupleId: string,
): Promise<(MeasureAssignmentListRow & { currentVersion: number })[]> {
  const rows = await db
    .selectFrom('measure_assignments')
    .innerJoin('coach_links', (join) =>
      join
        .onRef('coach_links.couple_id', '=', 'measure_assignments.couple_id')
        .onRef('coach_links.coach_id', '=', 'measure_assignments.coach_id'),
    )
    .innerJoin('measures', 'measures.id', 'measure_assignments.measure_id')
    .innerJoin('measure_versions', (join) =>
      join
        .onRef('measure_versions.measure_id', '=', 'measures.id')
        .onRef('measure_versions.version', '=', 'measures.current_version'),
    )
    .innerJoin('users', 'users.id', 'measure_assignments.coach_id')
    .select([
      ...ASSIGNMENT_COLUMNS,
      'measure_versions.name as measureName',
      'users.display_name as coachName',
      'measures.current_version as currentVersion',
    ])
    .where('measure_assignments.couple_id', '=', coupleId)
    .where('measure_assignments.ended_at', 'is', null)
    .where('measures.archived_at', 'is', null)
    .orderBy('measure_assignments.created_at')
    .orderBy('measure_assignments.id')
    .execute();
  return rows.map((row) => ({ ...toAssignment(row), currentVersion: Number(row.currentVersion) }));
}
