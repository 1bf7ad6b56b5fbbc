import { randomUUID } from 'node:crypto';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import type { CoachFocusDto, CoachNoteDto } from '#shared/schemas/coach.schema';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { NotFound } from '#server/errors';
import { deleteCoachFocus, findFocusByCoach, upsertCoachFocus } from '#server/repositories/coach-focuses.repository';
import {
  deleteCoachNote,
  insertCoachNote,
  listCoachNotes,
  updateCoachNote,
} from '#server/repositories/coach-notes.repository';
import type { Caller } from './caller';
import { writeWithinTextCeiling } from './storage-quota.service';

// What a coach writes about a couple. The caller's consent is checked by coachCoupleProcedure before any of this;
// everything here reads and writes only what the calling coach wrote.

/** `practiceId: null` clears the coach's focus; otherwise it replaces the one before. */
export async function assignFocus(
  deps: AppDeps,
  caller: Caller,
  input: { coupleId: string; practiceId: PracticeId | null; note?: string | null | undefined },
): Promise<{ ok: true }> {
  const coachId = caller.id;
  if (input.practiceId === null) {
    await deleteCoachFocus(deps.db, input.coupleId, coachId);
  } else {
    const note = input.note?.trim() ? input.note.trim() : null;
    const focus = {
      coupleId: input.coupleId,
      coachId,
      practiceId: input.practiceId,
      note,
      assignedAt: deps.now().toISOString(),
    };
    await writeWithinTextCeiling(deps.db, coachId, (db) => upsertCoachFocus(db, focus));
  }
  // Clearing or replacing the focus replaces the note that came with it.
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

export async function readCoachFocus(deps: AppDeps, caller: Caller, coupleId: string): Promise<CoachFocusDto | null> {
  const row = await findFocusByCoach(deps.db, coupleId, caller.id);
  // A row naming a practice that no longer exists reads as no focus rather than breaking the page.
  if (!row || !isPracticeId(row.practiceId)) return null;
  return { practiceId: row.practiceId, note: row.note, assignedAt: row.assignedAt };
}

export async function readNotes(deps: AppDeps, caller: Caller, coupleId: string): Promise<CoachNoteDto[]> {
  const rows = await listCoachNotes(deps.db, caller.id, coupleId);
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt, updatedAt: r.updatedAt }));
}

export async function addNote(
  deps: AppDeps,
  caller: Caller,
  input: { coupleId: string; body: string },
): Promise<CoachNoteDto> {
  const coachId = caller.id;
  const note = {
    id: randomUUID(),
    coachId,
    coupleId: input.coupleId,
    body: input.body,
    nowIso: deps.now().toISOString(),
  };
  await writeWithinTextCeiling(deps.db, coachId, (db) => insertCoachNote(db, note));
  return { id: note.id, body: note.body, createdAt: note.nowIso, updatedAt: note.nowIso };
}

const noSuchNote = () => new NotFound('That note is not there any more. Reload to see your notes.');

export async function editNote(
  deps: AppDeps,
  caller: Caller,
  input: { coupleId: string; noteId: string; body: string },
): Promise<{ ok: true }> {
  const coachId = caller.id;
  const note = {
    id: input.noteId,
    coachId,
    coupleId: input.coupleId,
    body: input.body,
    nowIso: deps.now().toISOString(),
  };
  const done = await writeWithinTextCeiling(deps.db, coachId, (db) => updateCoachNote(db, note));
  if (!done) throw noSuchNote();
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

export async function removeNote(
  deps: AppDeps,
  caller: Caller,
  input: { coupleId: string; noteId: string },
): Promise<{ ok: true }> {
  if (!(await deleteCoachNote(deps.db, { id: input.noteId, coachId: caller.id, coupleId: input.coupleId })))
    throw noSuchNote();
  await checkpointAfterErase(deps.db);
  return { ok: true };
}
