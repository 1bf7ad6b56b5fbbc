import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type { assignMeasureInputSchema, MeasureAssignmentDto } from '#shared/schemas/measure.schema';
import { focusWithin } from '#shared/domain/membership';
import { addWeeks, currentWeek } from '#shared/week';
import { inTransaction } from '#server/db/dialect';
import type { AppDeps } from '#server/deps';
import { Conflict, Invalid, NotFound } from '#server/errors';
import {
  endAssignment,
  findActiveAssignment,
  findAssignment,
  insertAssignment,
  listCoupleAssignments as listAssignmentRows,
  type MeasureAssignmentListRow,
} from '#server/repositories/measure-assignments.repository';
import { findOwnMeasure } from '#server/repositories/measures.repository';
import { coachAccessStart, stillCoaching, viewerPresentSince, type CoupleAccess } from './access.service';
import type { Caller } from './caller';
import { archivedMeasure, noSuchMeasure } from './measure-ownership';

// A coach schedules one of their measures for a couple that consented, and may stop it. The consent is read again
// inside each write, so a revocation that lands between the check and the write cannot leave a schedule running.

const noSuchAssignment = () => new NotFound('That schedule is not among yours. Reload to see the couple’s measures.');

/**
 * Schedules the measure every `everyWeeks` weeks from this week or next (by the server's clock). The same schedule
 * asked for again (a double click, a retry) answers the one already running; a different one while it runs is refused.
 */
export async function assignMeasure(
  deps: AppDeps,
  coach: Caller,
  input: z.output<typeof assignMeasureInputSchema>,
): Promise<{ assignmentId: string }> {
  const now = deps.now();
  const thisWeek = currentWeek(now);
  const nextWeek = addWeeks(thisWeek, 1);
  const startWeek = input.startWeek ?? thisWeek;
  if (startWeek !== thisWeek && startWeek !== nextWeek) {
    throw new Invalid(`startWeek: a measure starts this week (${thisWeek}) or next week (${nextWeek}).`);
  }
  return inTransaction(deps.db, async (trx) => {
    await stillCoaching(trx, input.coupleId, coach.id);
    const measure = await findOwnMeasure(trx, input.measureId, coach.id);
    if (!measure) throw noSuchMeasure();
    if (measure.archivedAt !== null) throw archivedMeasure();
    const running = await findActiveAssignment(trx, measure.id, input.coupleId);
    if (running) {
      if (running.everyWeeks === input.everyWeeks && running.visibleToCouple === input.visibleToCouple) {
        return { assignmentId: running.id };
      }
      throw new Conflict(
        'This measure is already scheduled for this couple. Stop that schedule first, then set the new one.',
      );
    }
    const assignmentId = randomUUID();
    await insertAssignment(trx, {
      id: assignmentId,
      measureId: measure.id,
      coupleId: input.coupleId,
      coachId: coach.id,
      everyWeeks: input.everyWeeks,
      startWeek,
      visibleToCouple: input.visibleToCouple,
      createdAt: now.toISOString(),
    });
    return { assignmentId };
  });
}

/** Stops the coach's own schedule while they still hold the couple's consent; stopping it again changes nothing. */
export async function unassignMeasure(deps: AppDeps, coach: Caller, assignmentId: string): Promise<{ ok: true }> {
  await inTransaction(deps.db, async (trx) => {
    const assignment = await findAssignment(trx, assignmentId);
    if (!assignment || assignment.coachId !== coach.id) throw noSuchAssignment();
    // After a revocation nothing of the couple answers this coach, not even a stop (revoking stopped it already).
    await stillCoaching(trx, assignment.coupleId, coach.id);
    await endAssignment(trx, assignment.id, deps.now().toISOString());
  });
  return { ok: true };
}

export function toAssignmentDto(row: MeasureAssignmentListRow): MeasureAssignmentDto {
  return {
    assignmentId: row.id,
    measureId: row.measureId,
    measureName: row.measureName,
    coupleId: row.coupleId,
    everyWeeks: row.everyWeeks,
    startWeek: row.startWeek,
    visibleToCouple: row.visibleToCouple,
    coachName: row.coachName,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
  };
}

/**
 * A couple's schedules, newest first, stopped ones too (unless they stopped before the viewer's time with the couple):
 * for a coach, their own; for a partner, those whose scores the couple sees (the others are the coach's alone to read).
 */
export async function listCoupleAssignments(deps: AppDeps, access: CoupleAccess): Promise<MeasureAssignmentDto[]> {
  if (access.coupleId === null) return [];
  const filter = access.viewerRole === 'coach' ? { coachId: access.viewerId } : { visibleOnly: true as const };
  const accessStart = await coachAccessStart(deps.db, access);
  const rows = await listAssignmentRows(deps.db, access.coupleId, filter);
  return rows.filter((row) => scheduleWithinViewersTime(row, access, accessStart)).map(toAssignmentDto);
}

/**
 * Whether a schedule belongs to the viewer's time with the couple: one that stopped before it began belonged to an
 * earlier pairing (or, for a coach let in again, to their earlier access, `accessStart`: one stopped since began with
 * it, however soon after). The list of schedules and their results both ask this.
 */
export function scheduleWithinViewersTime(
  schedule: { endedAt: string | null },
  access: CoupleAccess,
  accessStart: string | null,
): boolean {
  return (
    focusWithin(schedule, viewerPresentSince(access)) &&
    (accessStart === null || schedule.endedAt === null || schedule.endedAt >= accessStart)
  );
}
