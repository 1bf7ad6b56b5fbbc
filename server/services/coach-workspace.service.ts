import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { PracticeId } from '../../shared/practice-ids';
import type { CoachFocusDto, CoachNoteDto } from '../../shared/schemas/coach.schema';
import { checkpointAfterErase } from '../db/erase';
import { deleteCoachFocus, findFocusByCoach, upsertCoachFocus } from '../repositories/coach-focuses.repository';
import { deleteCoachNote, insertCoachNote, listCoachNotes, updateCoachNote } from '../repositories/coach-notes.repository';
import type { Context } from '../trpc/context';
import { writeWithinTextCeiling } from './storage-quota.service';

// What a coach writes about a couple. The caller's consent is checked by coachCoupleProcedure before any of this.

/** `practiceId: null` clears the coach's focus; otherwise it replaces the one before. */
export async function assignFocus(
  ctx: Context,
  coachId: string,
  input: { coupleId: string; practiceId: PracticeId | null; note?: string | null | undefined },
): Promise<{ ok: true }> {
  if (input.practiceId === null) {
    await deleteCoachFocus(ctx.db, input.coupleId, coachId);
  } else {
    const note = input.note?.trim() ? input.note.trim() : null;
    const focus = { coupleId: input.coupleId, coachId, practiceId: input.practiceId, note, assignedAt: ctx.now().toISOString() };
    await writeWithinTextCeiling(ctx.db, coachId, (db) => upsertCoachFocus(db, focus));
  }
  // Clearing or replacing the focus replaces the note that came with it.
  await checkpointAfterErase(ctx.db);
  return { ok: true };
}

export function readCoachFocus(ctx: Context, coachId: string, coupleId: string): Promise<CoachFocusDto | null> {
  return findFocusByCoach(ctx.db, coupleId, coachId);
}

export function readNotes(ctx: Context, coachId: string, coupleId: string): Promise<CoachNoteDto[]> {
  return listCoachNotes(ctx.db, coachId, coupleId);
}

export async function addNote(ctx: Context, coachId: string, coupleId: string, body: string): Promise<CoachNoteDto> {
  const note = { id: randomUUID(), coachId, coupleId, body, nowIso: ctx.now().toISOString() };
  await writeWithinTextCeiling(ctx.db, coachId, (db) => insertCoachNote(db, note));
  return { id: note.id, body, createdAt: note.nowIso, updatedAt: note.nowIso };
}

const noSuchNote = () => new TRPCError({ code: 'NOT_FOUND', message: 'That note is not there any more. Reload to see your notes.' });

export async function editNote(ctx: Context, coachId: string, input: { coupleId: string; noteId: string; body: string }): Promise<{ ok: true }> {
  const note = { id: input.noteId, coachId, coupleId: input.coupleId, body: input.body, nowIso: ctx.now().toISOString() };
  const done = await writeWithinTextCeiling(ctx.db, coachId, (db) => updateCoachNote(db, note));
  if (!done) throw noSuchNote();
  await checkpointAfterErase(ctx.db);
  return { ok: true };
}

export async function removeNote(ctx: Context, coachId: string, input: { coupleId: string; noteId: string }): Promise<{ ok: true }> {
  if (!(await deleteCoachNote(ctx.db, { id: input.noteId, coachId, coupleId: input.coupleId }))) throw noSuchNote();
  await checkpointAfterErase(ctx.db);
  return { ok: true };
}
