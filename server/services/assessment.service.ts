import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type * as z from 'zod/mini';
import type {
  AssessmentDto,
  HistoryDto,
  HistoryEntryDto,
  submitAssessmentInputSchema,
  WeekStatusDto,
} from '../../shared/schemas/assessment.schema';
import { changedAfterBothAnswered, type TimedEntry } from '../../shared/domain/late-changes';
import { compareWeeks, currentWeek, latestOpenWeek, type Week } from '../../shared/week';
import { checkpointAfterErase } from '../db/erase';
import { parseRatings } from '../db/ratings-encoding';
import { findAssessment, upsertAssessment, usersWhoSubmitted, type WeekRange } from '../repositories/assessments.repository';
import type { Context } from '../trpc/context';
import { writeWithinTextCeiling } from './storage-quota.service';
import type { CoupleAccess } from './access.service';
import { countedBy, readerOf, readVisibleCheckIns } from './visible-check-ins';

export async function submitAssessment(
  ctx: Context,
  userId: string,
  input: z.output<typeof submitAssessmentInputSchema>,
): Promise<AssessmentDto> {
  const latest = latestOpenWeek(ctx.now());
  if (compareWeeks(input.week, latest) > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `week: ${input.week} hasn't started anywhere yet; the latest week you can log is ${latest}.`,
    });
  }
  const note = input.note?.trim() ? input.note.trim() : null;
  const before = await findAssessment(ctx.db, userId, input.week);
  const nowIso = ctx.now().toISOString();
  await writeWithinTextCeiling(ctx.db, userId, (db) => upsertAssessment(db, { id: randomUUID(), userId, week: input.week, ratings: input.ratings, note, nowIso }));
  // A resubmission that changes or drops the private note replaces words the author may want gone.
  if (before?.note != null && before.note !== note) await checkpointAfterErase(ctx.db);
  return { week: input.week, ratings: input.ratings, note, updatedAt: nowIso };
}

/** The caller's own check-in for one week, note included. */
export async function readOwnAssessment(ctx: Context, userId: string, week: Week): Promise<AssessmentDto | null> {
  const row = await findAssessment(ctx.db, userId, week);
  return row && { week: row.week, ratings: parseRatings(row.ratings), note: row.note, updatedAt: row.updatedAt };
}

/**
 * The couple's check-ins as the viewer may see them (see `checkInsSeenBy`). Rows from before the membership are
 * dropped before anything is worked out from them, so not even a "changed late" mark is judged against another
 * person's answer from then.
 */
export async function readHistory(ctx: Context, access: CoupleAccess, range: WeekRange): Promise<HistoryDto> {
  const reader = readerOf(access);
  const { memberIds } = reader;
  const { counted, visible } = await readVisibleCheckIns(ctx.db, reader, range, ctx.now());
  // Judged on every counted row, asked of the visible ones (whose ratings are decoded).
  const changedLate = changedAfterBothAnswered<TimedEntry>(counted, memberIds);

  const entries = new Map<string, HistoryEntryDto[]>(memberIds.map((id) => [id, []]));
  for (const row of visible) {
    const entry: HistoryEntryDto = { week: row.week, ratings: row.ratings, changedAfterBothAnswered: changedLate(row) };
    // A note is never shown to anyone but its author.
    if (row.userId === access.viewerId) entry.note = row.note;
    entries.get(row.userId)?.push(entry);
  }

  return {
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName, entries: entries.get(m.id) ?? [] })),
  };
}

/**
 * Who has logged the week, without what they logged: enough to say "your turn" without anchoring anyone. Of a week
 * before the couple's current membership, only the viewer's own answer is told; the others read as not logged.
 */
export async function readWeekStatus(ctx: Context, access: CoupleAccess, week: Week | undefined): Promise<WeekStatusDto> {
  const target = week ?? currentWeek(ctx.now());
  const submitted = await usersWhoSubmitted(ctx.db, access.members.map((m) => m.id), target);
  const told = countedBy(readerOf(access));
  return {
    week: target,
    partners: access.members.map((m) => ({
      userId: m.id,
      displayName: m.displayName,
      submitted: submitted.has(m.id) && told({ userId: m.id, week: target }),
    })),
  };
}
