import { randomUUID } from 'node:crypto';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import type { CoachFocusDto, CoachNoteDto } from '#shared/schemas/coach.schema';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import { Conflict, NotFound } from '#server/errors';
import { deleteCoachFocus, findFocusByCoach, upsertCoachFocus } from '#server/repositories/coach-focuses.repository';
import {
  deleteCoachNote,
  findCoachNoteByDraftKey,
  insertCoachNote,
  listCoachNotes,
  updateCoachNote,
} from '#server/repositories/coach-notes.repository';
import { stillCoaching } from './access.service';
import { recordingCoachFocus } from './activity.service';
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
  // The couple's feed hears that their coach chose, changed or removed a focus.
  if (input.practiceId === null) {
    const change = { coupleId: input.coupleId, coachId, practiceId: null, note: null, at: deps.now().toISOString() };
    await inTransaction(deps.db, async (trx) => {
      await stillCoaching(trx, input.coupleId, coachId);
      return recordingCoachFocus(trx, change, () => deleteCoachFocus(trx, input.coupleId, coachId));
    });
  } else {
    const note = input.note?.trim() ? input.note.trim() : null;
    const focus = {
      coupleId: input.coupleId,
      coachId,
      practiceId: input.practiceId,
      note,
      assignedAt: deps.now().toISOString(),
    };
    const change = { ...focus, at: focus.assignedAt };
    await writeWithinTextCeiling(deps.db, coachId, async (db) => {
      await stillCoaching(db, input.coupleId, coachId);
      return recordingCoachFocus(db, change, () => upsertCoachFocus(db, focus));
    });
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

export interface AddNote {
  coupleId: string;
  body: string;
  /** The key of the draft the note comes from (see `draftKeySchema`). */
  draftKey?: string;
}

/**
 * A new note, or, when the coach already saved this draft (the same `draftKey`: a double click, or a retry after an
 * answer that never arrived), that same note again, holding the words sent last. Keys are looked up among the calling
 * coach's own notes only; one already used for a note on another couple is refused.
 */
export async function addNote(deps: AppDeps, caller: Caller, input: AddNote): Promise<CoachNoteDto> {
  try {
    return await addNoteOnce(deps, caller, input);
  } catch (error) {
    // Another writer stored the same draft between our look and our write: this time the look finds it.
    if (input.draftKey !== undefined && isUniqueViolation(error)) return addNoteOnce(deps, caller, input);
    throw error;
  }
}

async function addNoteOnce(deps: AppDeps, caller: Caller, input: AddNote): Promise<CoachNoteDto> {
  const coachId = caller.id;
  const nowIso = deps.now().toISOString();
  let bodyReplaced = false;
  const saved = await writeWithinTextCeiling(deps.db, coachId, async (db): Promise<CoachNoteDto> => {
    const earlier = input.draftKey === undefined ? null : await findCoachNoteByDraftKey(db, coachId, input.draftKey);
    if (!earlier) {
      const note = { id: randomUUID(), coachId, coupleId: input.coupleId, body: input.body, nowIso };
      await insertCoachNote(db, { ...note, draftKey: input.draftKey });
      return { id: note.id, body: note.body, createdAt: nowIso, updatedAt: nowIso };
    }
    if (earlier.coupleId !== input.coupleId) {
      throw new Conflict(
        'This draft was already saved as a note on another couple. Reload the page and write it again.',
      );
    }
    // Only the words sent last, and only while the note is untouched since it was saved: an edit made since wins.
    if (earlier.body === input.body || earlier.updatedAt !== earlier.createdAt) {
      return { id: earlier.id, body: earlier.body, createdAt: earlier.createdAt, updatedAt: earlier.updatedAt };
    }
    bodyReplaced = true;
    await updateCoachNote(db, { id: earlier.id, coachId, coupleId: input.coupleId, body: input.body, nowIso });
    return { id: earlier.id, body: input.body, createdAt: earlier.createdAt, updatedAt: nowIso };
  });
  if (bodyReplaced) await checkpointAfterErase(deps.db);
  return saved;
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
