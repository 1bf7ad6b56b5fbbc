import { isPracticeId, type PracticeId } from '../../shared/practice-ids';
import type { FocusDto } from '../../shared/schemas/focus.schema';
import type { Week } from '../../shared/week';
import type { DB } from '../db/database';
import { compiledOnce } from '../db/compiled-once';

function focusQuery(db: DB) {
  return db
    .selectFrom('couple_focuses')
    .leftJoin('users', 'users.id', 'couple_focuses.adopted_by')
    .select([
      'couple_focuses.id',
      'couple_focuses.practice_id',
      'couple_focuses.start_week',
      'couple_focuses.end_week',
      'couple_focuses.adopted_by',
      'couple_focuses.adopted_at',
      'couple_focuses.ended_at',
      'users.display_name',
    ]);
}

type FocusRow = Awaited<ReturnType<ReturnType<typeof focusQuery>['execute']>>[number];

function toDto(row: FocusRow): FocusDto | null {
  // Rows are written through the schema, but a hand-edited one must not reach a chart as an unknown practice.
  if (!isPracticeId(row.practice_id)) return null;
  return {
    id: row.id,
    practiceId: row.practice_id,
    startWeek: row.start_week,
    endWeek: row.end_week,
    adoptedBy: row.adopted_by && row.display_name !== null ? { id: row.adopted_by, displayName: row.display_name } : null,
    adoptedAt: row.adopted_at,
    endedAt: row.ended_at,
  };
}

/** Every focus of the couple, newest first (the current one, if any, leads). */
export async function listFocuses(db: DB, coupleId: string): Promise<FocusDto[]> {
  return (await focusesOfCoupleQuery(db, coupleId)).flatMap((row) => toDto(row) ?? []);
}

// Read on every dashboard, so compiled once.
const focusesOfCoupleQuery = compiledOnce((db: DB, coupleId: string) =>
  focusQuery(db).where('couple_focuses.couple_id', '=', coupleId).orderBy('couple_focuses.adopted_at', 'desc').orderBy('couple_focuses.id', 'desc'),
);

export async function findCurrentFocus(db: DB, coupleId: string): Promise<FocusDto | null> {
  const row = await focusQuery(db)
    .where('couple_focuses.couple_id', '=', coupleId)
    .where('couple_focuses.end_week', 'is', null)
    .executeTakeFirst();
  return row ? toDto(row) : null;
}

/** Ends the current focus, if there is one. */
export async function endCurrentFocus(db: DB, coupleId: string, week: Week, nowIso: string): Promise<void> {
  await db
    .updateTable('couple_focuses')
    .set({ end_week: week, ended_at: nowIso })
    .where('couple_id', '=', coupleId)
    .where('end_week', 'is', null)
    .execute();
}

export async function insertFocus(
  db: DB,
  focus: { id: string; coupleId: string; practiceId: PracticeId; startWeek: Week; adoptedBy: string; nowIso: string },
): Promise<void> {
  await db
    .insertInto('couple_focuses')
    .values({
      id: focus.id,
      couple_id: focus.coupleId,
      practice_id: focus.practiceId,
      start_week: focus.startWeek,
      end_week: null,
      adopted_by: focus.adoptedBy,
      adopted_at: focus.nowIso,
      ended_at: null,
    })
    .execute();
}
