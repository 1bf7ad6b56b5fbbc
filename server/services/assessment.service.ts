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
import { changedAfterBothAnswered } from '../../shared/domain/late-changes';
import { withinMembership } from '../../shared/domain/membership';
import { visibilityFilter } from '../../shared/domain/visibility';
import { compareWeeks, currentWeek, latestOpenWeek, type Week } from '../../shared/week';
import { checkpointAfterErase } from '../db/erase';
import {
  findAssessment,
  listAssessments,
  parseRatings,
  upsertAssessment,
  usersWhoSubmitted,
  type WeekRange,
} from '../repositories/assessments.repository';
import type { Context } from '../trpc/context';
import { writeWithinTextCeiling } from './storage-quota.service';
import type { CoupleAccess } from './access.service';

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
  const saved = await writeWithinTextCeiling(ctx.db, userId, (db) => upsertAssessment(db, { id: randomUUID(), userId, week: input.week, ratings: input.ratings, note, nowIso }));
  // A resubmission that changes or drops the private note replaces words the author may want gone.
  if (before?.note != null && before.note !== note) await checkpointAfterErase(ctx.db);
  return saved;
}

/**
 * The couple's check-ins as the viewer may see them: within the membership (see `withinMembership`), then the rule
 * of weeks under way (see `visibilityFilter`). Rows from before the membership are dropped before anything is worked
 * out from them, so not even a "changed late" mark is judged against another person's answer from then.
 */
export async function readHistory(ctx: Context, access: CoupleAccess, range: WeekRange): Promise<HistoryDto> {
  const memberIds = access.members.map((m) => m.id);
  const rows = (await listAssessments(ctx.db, memberIds, range))
    .map((row) => ({ ...row, userId: row.user_id, createdAt: row.created_at, ratingsChangedAt: row.ratings_changed_at }))
    .filter(withinMembership(access.viewerId, access.sharedFromWeek));
  const visible = visibilityFilter(rows, memberIds, access.viewerId, ctx.now());
  const changedLate = changedAfterBothAnswered(rows, memberIds);

  const entries = new Map<string, HistoryEntryDto[]>(memberIds.map((id) => [id, []]));
  for (const row of rows.filter(visible)) {
    const entry: HistoryEntryDto = { week: row.week, ratings: parseRatings(row.ratings), changedAfterBothAnswered: changedLate(row) };
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
  const told = withinMembership(access.viewerId, access.sharedFromWeek);
  return {
    week: target,
    partners: access.members.map((m) => ({
      userId: m.id,
      displayName: m.displayName,
      submitted: submitted.has(m.id) && told({ userId: m.id, week: target }),
    })),
  };
}
