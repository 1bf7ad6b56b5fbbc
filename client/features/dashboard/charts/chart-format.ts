import type { SeriesPoint } from '#shared/schemas/dashboard.schema';
import { formatNumber } from '#shared/wording';

const monthShort = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLong = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

const utc = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

/** The x axis names months, sparsely: the first point of each month, thinned to at most `max` ticks. */
export function monthTicks(points: readonly SeriesPoint[], max = 6): string[] {
  const firsts = points
    .filter((p, i) => i === 0 || p.start.slice(0, 7) !== points[i - 1]!.start.slice(0, 7))
    .map((p) => p.start);
  const step = Math.ceil(firsts.length / max);
  return firsts.filter((_, i) => i % step === 0);
}

export function tickLabel(isoDay: string, spansYears: boolean): string {
  return (spansYears ? monthYear : monthShort).format(utc(isoDay));
}

/** "Week of 3 Nov" for weekly points, "November 2026" for monthly ones. */
export function periodLabel(point: SeriesPoint): string {
  return point.period.includes('W')
    ? `Week of ${dayMonth.format(utc(point.start))}`
    : monthLong.format(utc(point.start));
}

export function spansYears(points: readonly SeriesPoint[]): boolean {
  return points.length > 0 && points[0]!.start.slice(0, 4) !== points.at(-1)!.start.slice(0, 4);
}

export const formatRating = (value: number | null | undefined) => (value == null ? 'not logged' : formatNumber(value));
