import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type {
  AssessmentDto,
  HistoryDto,
  HistoryEntryDto,
  submitAssessmentInputSchema,
  WeekStatusDto,
} from '../../shared/schemas/assessment.schema';
import { compareWeeks, currentWeek, hasWeekEnded, latestOpenWeek, type Week } from '../../shared/week';
import {
  listAssessments,
  parseRatings,
  upsertAssessment,
  usersWhoSubmitted,
  type WeekRange,
} from '../repositories/assessments.repository';
import type { Context } from '../trpc/context';
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
  return upsertAssessment(ctx.db, { id: randomUUID(), userId, week: input.week, ratings: input.ratings, note, nowIso: ctx.now().toISOString() });
}

/**
 * The couple's check-ins as the viewer may see them. Someone else's entry for a week still under way stays hidden
 * until every partner has logged that week, so nobody anchors on the other's answers; notes go to their author only.
 */
export async function readHistory(ctx: Context, access: CoupleAccess, range: WeekRange): Promise<HistoryDto> {
  const memberIds = access.members.map((m) => m.id);
  const rows = await listAssessments(ctx.db, memberIds, range);
  const now = ctx.now();

  const loggedBy = new Map<Week, Set<string>>();
  for (const row of rows) {
    const set = loggedBy.get(row.week) ?? new Set<string>();
    set.add(row.user_id);
    loggedBy.set(row.week, set);
  }
  const everyoneLogged = (week: Week) =>
    memberIds.length >= 2 && memberIds.every((id) => loggedBy.get(week)?.has(id));

  const entries = new Map<string, HistoryEntryDto[]>(memberIds.map((id) => [id, []]));
  for (const row of rows) {
    const own = row.user_id === access.viewerId;
    if (!own && !hasWeekEnded(row.week, now) && !everyoneLogged(row.week)) continue;
    const entry: HistoryEntryDto = { week: row.week, ratings: parseRatings(row.ratings) };
    if (own) entry.note = row.note;
    entries.get(row.user_id)?.push(entry);
  }

  return {
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName, entries: entries.get(m.id) ?? [] })),
  };
}

/** Who has logged the week, without what they logged: enough to say "your turn" without anchoring anyone. */
export async function readWeekStatus(ctx: Context, access: CoupleAccess, week: Week | undefined): Promise<WeekStatusDto> {
  const target = week ?? currentWeek(ctx.now());
  const submitted = await usersWhoSubmitted(ctx.db, access.members.map((m) => m.id), target);
  return {
    week: target,
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName, submitted: submitted.has(m.id) })),
  };
}
