import type { CoachNoteDto } from '../../shared/schemas/coach.schema';
import type { DB } from '../db/database';

// Every statement names the coach as well as the couple: a note is reachable only by the coach who wrote it.

export async function insertCoachNote(db: DB, note: { id: string; coachId: string; coupleId: string; body: string; nowIso: string }) {
  await db
    .insertInto('coach_notes')
    .values({ id: note.id, coach_id: note.coachId, couple_id: note.coupleId, body: note.body, created_at: note.nowIso, updated_at: note.nowIso })
    .execute();
}

/** Newest first. */
export async function listCoachNotes(db: DB, coachId: string, coupleId: string): Promise<CoachNoteDto[]> {
  const rows = await db
    .selectFrom('coach_notes')
    .select(['id', 'body', 'created_at', 'updated_at'])
    .where('coach_id', '=', coachId)
    .where('couple_id', '=', coupleId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at, updatedAt: r.updated_at }));
}

export async function updateCoachNote(db: DB, note: { id: string; coachId: string; coupleId: string; body: string; nowIso: string }) {
  const result = await db
    .updateTable('coach_notes')
    .set({ body: note.body, updated_at: note.nowIso })
    .where('id', '=', note.id)
    .where('coach_id', '=', note.coachId)
    .where('couple_id', '=', note.coupleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteCoachNote(db: DB, note: { id: string; coachId: string; coupleId: string }) {
  const result = await db
    .deleteFrom('coach_notes')
    .where('id', '=', note.id)
    .where('coach_id', '=', note.coachId)
    .where('couple_id', '=', note.coupleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
