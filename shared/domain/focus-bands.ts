import type { PracticeId } from '#shared/practice-ids';
import type { FocusBand } from '#shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, type Week } from '#shared/week';

/** A focus as stored: from the week it was adopted up to the week before `endWeek` (null while current). */
export interface FocusPeriod {
  practiceId: PracticeId;
  startWeek: Week;
  endWeek: Week | null;
}

/** A point on a chart's x axis and the weeks it stands for (one week, or the weeks of a month). */
export interface BandPeriod {
  period: string;
  weeks: readonly Week[];
}

const later = (a: Week, b: Week) => (compareWeeks(a, b) >= 0 ? a : b);
const earlier = (a: Week, b: Week) => (compareWeeks(a, b) <= 0 ? a : b);

/**
 * The focus periods that overlap the chart's weeks, each placed on the chart's own periods: on a monthly chart a
 * band runs from the month of its first week in range to the month of its last, so two focuses that changed hands
 * mid-month both shade that month. A focus replaced in the week it began covers no week and draws nothing.
 * Oldest first.
 */
export function focusBands(
  focuses: readonly FocusPeriod[],
  periods: readonly BandPeriod[],
  fromWeek: Week,
  toWeek: Week,
): FocusBand[] {
  const periodOfWeek = new Map<Week, string>();
  for (const p of periods) for (const week of p.weeks) periodOfWeek.set(week, p.period);

  const bands: FocusBand[] = [];
  for (const focus of focuses) {
    const lastWeek = focus.endWeek === null ? null : addWeeks(focus.endWeek, -1);
    if (lastWeek !== null && compareWeeks(lastWeek, focus.startWeek) < 0) continue;
    const from = later(focus.startWeek, fromWeek);
    const to = lastWeek === null ? toWeek : earlier(lastWeek, toWeek);
    if (compareWeeks(from, to) > 0) continue;
    const fromPeriod = periodOfWeek.get(from);
    const toPeriod = periodOfWeek.get(to);
    if (fromPeriod === undefined || toPeriod === undefined) continue;
    bands.push({ practiceId: focus.practiceId, fromWeek: focus.startWeek, toWeek: lastWeek, fromPeriod, toPeriod });
  }
  return bands.sort((a, b) => compareWeeks(a.fromWeek, b.fromWeek));
}
