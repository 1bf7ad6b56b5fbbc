import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import {
  FIRST_WEEKS,
  type ConnectionPoint,
  type DashboardDto,
  type DashboardRange,
  type SeriesPoint,
  type SideBySideRow,
  type WheelPartner,
} from '#shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, weekRange, weeksBetween, weekStartsBetween, type Week } from '#shared/week';
import { connectionIndex } from './connection-index';
import { focusBands, type FocusPeriod } from './focus-bands';
import { mean, round1 } from './numbers';
import { isoDate, monthOfMonday, movingAverage } from './series';

export const RANGE_WEEKS: Record<Exclude<DashboardRange, 'all'>, number> = { '12w': 12, '6m': 26, '1y': 52 };
/** Past this many weeks a chart would draw too many points to read (or render quickly): show months instead. */
export const MONTHLY_THRESHOLD_WEEKS = 150;
export const TREND_WINDOW = 4;
export const CHANGE_WEEKS = 4;
export const CONVERSATION_GAP = 3;
/** How far before the range the series need data: the trend's lead-in, or the week a change compares with. */
export const LOOKBACK_WEEKS = Math.max(TREND_WINDOW - 1, CHANGE_WEEKS);

export interface DashboardEntry {
  userId: string;
  week: Week;
  ratings: Ratings;
}

export interface DashboardSource {
  range: DashboardRange;
  thisWeek: Week;
  partners: { userId: string; displayName: string }[];
  /** Entries the viewer may see, covering at least the range and the `LOOKBACK_WEEKS` weeks before it. */
  entries: readonly DashboardEntry[];
  /**
   * The weeks each partner logged among those read, visible or not yet: enough to tell who has logged this week, and
   * which weeks are held back from the reader rather than not logged.
   */
  loggedWeeks: readonly ReadonlySet<Week>[];
  /** The couple's streak (see `coupleStreak`), which may reach back before the weeks read. */
  streak: number;
  /** Per partner, the weeks whose ratings changed after every partner had answered (see `changedAfterBothAnswered`). */
  changedLate: readonly ReadonlySet<Week>[];
  /**
   * The first week with a check-in the reader may see, in the whole history: where 'all' begins, and how far back
   * the other ranges reach.
   */
  firstWeek: Week | null;
  /** The couple's adopted focuses, any order; none before pairing. */
  focuses?: readonly FocusPeriod[];
}

/** The weeks a range covers, ending with this week. */
export function rangeBounds(
  range: DashboardRange,
  thisWeek: Week,
  firstWeek: Week | null,
): { fromWeek: Week; toWeek: Week } {
  if (range === 'all') {
    const from = firstWeek && compareWeeks(firstWeek, thisWeek) < 0 ? firstWeek : thisWeek;
    return { fromWeek: from, toWeek: thisWeek };
  }
  return { fromWeek: addWeeks(thisWeek, -(RANGE_WEEKS[range] - 1)), toWeek: thisWeek };
}

/**
 * The ranges worth offering for a history that begins at `firstWeek`: the shortest always, and each longer one only
 * when the history reaches back past the shorter one's start (so it would show more); 'all' past a year.
 */
export function rangesReached(firstWeek: Week | null, thisWeek: Week): DashboardRange[] {
  const weeks = firstWeek === null ? 0 : weeksBetween(firstWeek, thisWeek) + 1;
  return [
    '12w',
    ...(weeks > RANGE_WEEKS['12w'] ? (['6m'] as const) : []),
    ...(weeks > RANGE_WEEKS['6m'] ? (['1y'] as const) : []),
    ...(weeks > RANGE_WEEKS['1y'] ? (['all'] as const) : []),
  ];
}

/**
 * The period a progress report shows unless another is asked for: half a year, or twelve weeks when the history is
 * no longer than that, so a young couple's report is not mostly empty.
 */
export function fittingReportRange(firstWeek: Week | null, thisWeek: Week): DashboardRange {
  return rangesReached(firstWeek, thisWeek).includes('6m') ? '6m' : '12w';
}

/** A point on the x axis: one week, or one month of weeks. */
interface Period {
  period: string;
  start: string;
  weeks: Week[];
}

/** Everything the dashboard draws, computed from one read of the couple's check-ins. Pure and deterministic. */
export function buildDashboard(source: DashboardSource): DashboardDto {
  const { fromWeek, toWeek } = rangeBounds(source.range, source.thisWeek, source.firstWeek);
  const monthly = weeksBetween(fromWeek, toWeek) + 1 > MONTHLY_THRESHOLD_WEEKS;
  const byPartner = source.partners.map((p) => {
    const weeks = new Map<Week, Ratings>();
    for (const entry of source.entries) if (entry.userId === p.userId) weeks.set(entry.week, entry.ratings);
    return weeks;
  });
  const inRange = byPartner.map((weeks) =>
    [...weeks.entries()]
      .filter(([week]) => compareWeeks(week, fromWeek) >= 0 && compareWeeks(week, toWeek) <= 0)
      .sort(([a], [b]) => compareWeeks(a, b)),
  );

  // Weekly charts start `TREND_WINDOW - 1` weeks early so the trend is complete from the range's first week; those
  // lead-in points are dropped once the trend is computed. The periods are worked out once for all eleven series.
  const leadIn = monthly ? 0 : TREND_WINDOW - 1;
  const periods = monthly ? monthPeriods(fromWeek, toWeek) : weekPeriods(addWeeks(fromWeek, -leadIn), toWeek);
  // Each period's check-ins per partner, looked up once and shared by the eleven series.
  const logged = periods.map(({ weeks }) =>
    byPartner.map((partnerWeeks) => weeks.flatMap((week) => partnerWeeks.get(week) ?? [])),
  );
  const seriesOf = (pick: (ratings: Ratings) => number): SeriesPoint[] =>
    periods.map(({ period, start }, index) => ({
      period,
      start,
      values: logged[index]!.map((entries) => {
        if (entries.length === 0) return null;
        let sum = 0;
        for (const ratings of entries) sum += pick(ratings);
        return round1(sum / entries.length);
      }),
    }));

  return {
    range: source.range,
    granularity: monthly ? 'month' : 'week',
    fromWeek,
    toWeek,
    partners: source.partners,
    connection: connectionSeries(seriesOf(connectionIndex), monthly, source.partners.length).slice(leadIn),
    practices: PRACTICE_IDS.map((practiceId) => ({
      practiceId,
      points: seriesOf((ratings) => ratings[practiceId]).slice(leadIn),
    })),
    wheel: inRange.map(wheelOf),
    sideBySide: PRACTICE_IDS.map((practiceId) => sideBySideRow(practiceId, inRange, byPartner)),
    changedAfterBothAnswered: inRange.map((entries, index) => {
      const latest = entries.at(-1)?.[0];
      return latest !== undefined && source.changedLate[index]?.has(latest) ? latest : null;
    }),
    rhythm: {
      streak: source.streak,
      thisWeek: source.thisWeek,
      submittedThisWeek: source.loggedWeeks.map((weeks) => weeks.has(source.thisWeek)),
    },
    focusBands: focusBands(source.focuses ?? [], periods.slice(leadIn), fromWeek, toWeek),
    heldBack: heldBackPeriods(source, byPartner, periods.slice(leadIn), fromWeek, toWeek),
    firstWeek: source.firstWeek,
    firstWeeks: firstWeeksSoFar(source),
    isEmpty: inRange.every((entries) => entries.length === 0),
  };
}

/**
 * Per partner, the periods in the range whose weeks they logged but the reader may not see yet. A period with some
 * other week visible has a value, so it is not held back. Few weeks are ever held back (those still under way).
 */
function heldBackPeriods(
  source: DashboardSource,
  byPartner: Map<Week, Ratings>[],
  periods: Period[],
  fromWeek: Week,
  toWeek: Week,
): string[][] {
  return source.partners.map((_, index) => {
    const visible = byPartner[index]!;
    const hidden = [...(source.loggedWeeks[index] ?? [])].filter(
      (week) => !visible.has(week) && compareWeeks(week, fromWeek) >= 0 && compareWeeks(week, toWeek) <= 0,
    );
    if (hidden.length === 0) return [];
    return periods
      .filter((p) => p.weeks.some((week) => hidden.includes(week)) && !p.weeks.some((week) => visible.has(week)))
      .map((p) => p.period);
  });
}

/**
 * A couple is in its first weeks while its history (what the reader may see) began within the shortest range and
 * holds fewer than `FIRST_WEEKS` weeks with a check-in: then, how many; otherwise null. Every range reads at least
 * those twelve weeks, so the count is the same whichever range is asked for.
 */
function firstWeeksSoFar(source: DashboardSource): number | null {
  const { firstWeek, thisWeek } = source;
  if (firstWeek === null) return 0;
  if (compareWeeks(firstWeek, addWeeks(thisWeek, -(RANGE_WEEKS['12w'] - 1))) < 0) return null;
  const weeks = new Set<Week>();
  for (const entry of source.entries)
    if (compareWeeks(entry.week, firstWeek) >= 0 && compareWeeks(entry.week, thisWeek) <= 0) weeks.add(entry.week);
  return weeks.size < FIRST_WEEKS ? weeks.size : null;
}

function weekPeriods(from: Week, to: Week): Period[] {
  const mondays = weekStartsBetween(from, to);
  return weekRange(from, to).map((week, index) => ({ period: week, start: isoDate(mondays[index]!), weeks: [week] }));
}

/** Calendar months of weeks; a week belongs to the month of its Thursday, as ISO weeks belong to years. */
function monthPeriods(from: Week, to: Week): Period[] {
  const mondays = weekStartsBetween(from, to);
  const months: Period[] = [];
  for (const [index, week] of weekRange(from, to).entries()) {
    const month = monthOfMonday(mondays[index]!);
    const last = months.at(-1);
    if (last?.period === month) last.weeks.push(week);
    else months.push({ period: month, start: `${month}-01`, weeks: [week] });
  }
  return months;
}

function connectionSeries(points: SeriesPoint[], monthly: boolean, partnerCount: number): ConnectionPoint[] {
  // Monthly points are already averages of about four weeks; a further trend would only blur them.
  const window = monthly ? 1 : TREND_WINDOW;
  const trends = Array.from({ length: partnerCount }, (_, i) =>
    movingAverage(
      points.map((p) => p.values[i] ?? null),
      window,
    ),
  );
  return points.map((point, index) => {
    const logged = point.values.filter((v): v is number => v !== null);
    return {
      ...point,
      trend: trends.map((trend) => trend[index] ?? null),
      coupleMean: partnerCount >= 2 && logged.length === partnerCount ? round1(mean(logged)!) : null,
    };
  });
}

function wheelOf(entries: [Week, Ratings][]): WheelPartner {
  const latest = entries.at(-1);
  const earlier = entries.length > 1 ? entries[0] : undefined;
  return {
    latest: latest ? { week: latest[0], ratings: latest[1] } : null,
    earlier: earlier ? { week: earlier[0], ratings: earlier[1] } : null,
  };
}

function sideBySideRow(
  practiceId: PracticeId,
  inRange: [Week, Ratings][][],
  byPartner: Map<Week, Ratings>[],
): SideBySideRow {
  const partners = inRange.map((entries, index) => {
    const latest = entries.at(-1);
    if (!latest) return { latest: null, week: null, change: null };
    const [week, ratings] = latest;
    const before = byPartner[index]!.get(addWeeks(week, -CHANGE_WEEKS));
    return { latest: ratings[practiceId], week, change: before ? ratings[practiceId] - before[practiceId] : null };
  });
  const [first, second] = partners;
  const difference = first?.latest != null && second?.latest != null ? Math.abs(first.latest - second.latest) : null;
  return {
    practiceId,
    partners,
    difference,
    worthAConversation: difference !== null && difference >= CONVERSATION_GAP,
  };
}
