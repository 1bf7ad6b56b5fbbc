import type { DB } from '#server/db/database';
import type { CamelRow } from '#server/db/rows';
import type { CoachNotesTable } from '#server/db/tables';

// Every statement names the coach as well as the couple: a note is reachable only by the coach who wrote it.

export async function insertCoachNote(
  db: DB,
  note: { id: string; coachId: string; coupleId: string; body: string; nowIso: string; draftKey?: string | null },
): Promise<void> {
  await db
    .insertInto('coach_notes')
    .values({
      id: note.id,
      coach_id: note.coachId,
      couple_id: note.coupleId,
      body: note.body,
      created_at: note.nowIso,
      updated_at: note.nowIso,
      draft_key: note.draftKey ?? null,
    })
    .execute();
}

export type CoachNoteRow = CamelRow<Pick<CoachNotesTable, 'id' | 'body' | 'created_at' | 'updated_at'>>;

/** A note found by the key of the draft it was written in, with the couple it is about. */
export type DraftCoachNoteRow = CoachNoteRow & CamelRow<Pick<CoachNotesTable, 'couple_id'>>;

/** The coach's note written from this draft, on whichever couple, or null. Keys are unique per coach. */
export async function findCoachNoteByDraftKey(
  db: DB,
  coachId: string,
  draftKey: string,
): Promise<DraftCoachNoteRow | null> {
  const row = await db
    .selectFrom('coach_notes')
    .select(['id', 'couple_id as coupleId', 'body', 'created_at as createdAt', 'updated_at as updatedAt'])
    .where('coach_id', '=', coachId)
    .where('draft_key', '=', draftKey)
    .executeTakeFirst();
  return row ?? null;
}

/** Newest first. */
export function listCoachNotes(db: DB, coachId: string, coupleId: string): Promise<CoachNoteRow[]> {
  return db
    .selectFrom('coach_notes')
    .select(['id', 'body', 'created_at as createdAt', 'updated_at as updatedAt'])
    .where('coach_id', '=', coachId)
    .where('couple_id', '=', coupleId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** False when the coach has no such note on the couple (deleted meanwhile, or never theirs). */
export async function updateCoachNote(
  db: DB,
  note: { id: string; coachId: string; coupleId: string; body: string; nowIso: string },
): Promise<boolean> {
  const result = await db
    .updateTable('coach_notes')
    .set({ body: note.body, updated_at: note.nowIso })
    .where('id', '=', note.id)
    .where('coach_id', '=', note.coachId)
    .where('couple_id', '=', note.coupleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** False when the coach has no such note on the couple. */
export async function deleteCoachNote(
  db: DB,
  note: { id: string; coachId: string; coupleId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('coach_notes')
    .where('id', '=', note.id)
    .where('coach_id', '=', note.coachId)
    .where('couple_id', '=', note.coupleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
