import { buildDashboard, LOOKBACK_WEEKS, rangeBounds } from '../../shared/domain/dashboard';
import { coupleStreak } from '../../shared/domain/series';
import { visibilityFilter } from '../../shared/domain/visibility';
import type { DashboardDto, DashboardRange } from '../../shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, currentWeek, weeksBetween, type Week } from '../../shared/week';
import { listWeeksWithRatingsFrom, parseRatings } from '../repositories/assessments.repository';
import { listFocuses } from '../repositories/focuses.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';

/** How far back week keys are read for the streak before looking further (only when the streak is longer). */
export const STREAK_WINDOW_WEEKS = 60;

/** One set-based read for the whole couple (never one per week or per practice), then pure computation. */
export async function readDashboard(ctx: Context, access: CoupleAccess, range: DashboardRange): Promise<DashboardDto> {
  const now = ctx.now();
  const thisWeek = currentWeek(now);
  const memberIds = access.members.map((m) => m.id);

  // 'all' starts at the first logged week, so it reads everything. A fixed range reads ratings from its start (less
  // the look-back) and week keys for a recent window; a streak that fills the window is followed in a second read.
  const ratingsFrom = range === 'all' ? null : addWeeks(rangeBounds(range, thisWeek, null).fromWeek, -LOOKBACK_WEEKS);
  const windowStart = addWeeks(thisWeek, -STREAK_WINDOW_WEEKS);
  const weeksFrom = ratingsFrom === null ? null : compareWeeks(ratingsFrom, windowStart) < 0 ? ratingsFrom : windowStart;
  let rows = await listWeeksWithRatingsFrom(ctx.db, memberIds, ratingsFrom, weeksFrom);
  let loggedWeeks = weeksByMember(rows, memberIds);
  if (weeksFrom !== null && coupleStreak(loggedWeeks, thisWeek) >= weeksBetween(weeksFrom, thisWeek)) {
    rows = await listWeeksWithRatingsFrom(ctx.db, memberIds, ratingsFrom, null);
    loggedWeeks = weeksByMember(rows, memberIds);
  }

  // The focus history is short (one row per adoption), so it is read whole; the domain clips it to the range.
  const focuses = access.coupleId ? await listFocuses(ctx.db, access.coupleId) : [];

  const withRatings = rows.flatMap((row) => (row.ratings === null ? [] : [{ userId: row.user_id, week: row.week, json: row.ratings }]));
  const visible = withRatings.filter(visibilityFilter(withRatings, memberIds, access.viewerId, now));
  // From what the viewer may see: the start of 'all' must not give away a partner's entry still under wraps.
  const firstWeek = visible[0]?.week ?? null;

  return buildDashboard({
    range,
    thisWeek,
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName })),
    entries: visible.map(({ userId, week, json }) => ({ userId, week, ratings: parseRatings(json) })),
    loggedWeeks,
    // Only 'all' uses it, and 'all' reads every week with its ratings.
    firstWeek: firstWeek && compareWeeks(firstWeek, thisWeek) <= 0 ? firstWeek : null,
    focuses,
  });
}

function weeksByMember(rows: { user_id: string; week: Week }[], memberIds: string[]): Set<Week>[] {
  const weeks = memberIds.map(() => new Set<Week>());
  for (const row of rows) weeks[memberIds.indexOf(row.user_id)]?.add(row.week);
  return weeks;
}
