import { buildDashboard, LOOKBACK_WEEKS, rangeBounds } from '../../shared/domain/dashboard';
import { visibilityFilter } from '../../shared/domain/visibility';
import type { DashboardDto, DashboardRange } from '../../shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, currentWeek, type Week } from '../../shared/week';
import { listAssessments, listLoggedWeeks, parseRatings } from '../repositories/assessments.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';

/** Two set-based reads for the whole couple (never one per week or per practice), then pure computation. */
export async function readDashboard(ctx: Context, access: CoupleAccess, range: DashboardRange): Promise<DashboardDto> {
  const now = ctx.now();
  const thisWeek = currentWeek(now);
  const memberIds = access.members.map((m) => m.id);

  const logged = await listLoggedWeeks(ctx.db, memberIds);
  const loggedWeeks = memberIds.map((id) => new Set(logged.filter((row) => row.user_id === id).map((row) => row.week)));
  const firstWeek = logged.reduce<Week | null>((first, row) => (first === null || compareWeeks(row.week, first) < 0 ? row.week : first), null);

  const { fromWeek } = rangeBounds(range, thisWeek, firstWeek);
  const rows = (await listAssessments(ctx.db, memberIds, { fromWeek: addWeeks(fromWeek, -LOOKBACK_WEEKS), toWeek: thisWeek })).map(
    (row) => ({ userId: row.user_id, week: row.week, ratings: row.ratings }),
  );
  const visible = visibilityFilter(rows, memberIds, access.viewerId, now);

  return buildDashboard({
    range,
    thisWeek,
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName })),
    entries: rows.filter(visible).map((row) => ({ ...row, ratings: parseRatings(row.ratings) })),
    loggedWeeks,
    firstWeek,
  });
}
