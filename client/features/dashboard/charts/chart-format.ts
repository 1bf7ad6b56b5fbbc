import type { DashboardDto, FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { compareWeeks, isWeek, type Week } from '#shared/week';
import { formatNumber } from '#shared/wording';
import { heldBackText, type PartnerLabels } from '#client/features/dashboard/viewer-names';

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

/**
 * Who reads the charts, and which periods the hiding rule holds back from them: what a missing value means depends
 * on both ("not logged", or "waiting for your check-in").
 */
export interface ChartReader {
  labels: PartnerLabels;
  /** Per partner, the periods they checked in whose ratings the reader may not see yet (see `DashboardDto`). */
  heldBack: readonly (readonly string[])[];
}

export function chartReader(labels: PartnerLabels, data: Pick<DashboardDto, 'heldBack'>): ChartReader {
  return { labels, heldBack: data.heldBack };
}

/** A partner's value in a period, in words: the number, "waiting for your check-in" while held back, or "not logged". */
export function valueText(reader: ChartReader, value: number | null | undefined, slot: number, period: string): string {
  if (value == null && reader.heldBack[slot]?.includes(period)) return heldBackText(reader.labels);
  return formatRating(value);
}

/** Whether anything of this partner is held back from the reader in the range. */
export const anyHeldBack = (reader: ChartReader, slot: number) => (reader.heldBack[slot]?.length ?? 0) > 0;

/**
 * The charts start at the first week the reader can see rather than at the start of a range that reaches further
 * back than the history does, so a couple's first months are not drawn as a long empty stretch. Monthly points
 * belong to 'all', which already starts there.
 */
export function fromFirstWeek<T extends SeriesPoint>(points: readonly T[], firstWeek: Week | null): T[] {
  if (firstWeek === null) return [...points];
  const start = points.findIndex((p) => !isWeek(p.period) || compareWeeks(p.period, firstWeek) >= 0);
  return start <= 0 ? [...points] : points.slice(start);
}

/** The series of a dashboard as drawn: each from the first week the reader can see. */
export function drawnSeries(data: DashboardDto): Pick<DashboardDto, 'connection' | 'practices' | 'focusBands'> {
  const connection = fromFirstWeek(data.connection, data.firstWeek);
  const first = connection[0]?.period;
  return {
    connection,
    practices: data.practices.map((p) => ({ ...p, points: fromFirstWeek(p.points, data.firstWeek) })),
    // A band that began before the first week drawn starts at it.
    focusBands: data.focusBands
      .filter((band) => first === undefined || band.toPeriod >= first)
      .map((band): FocusBand =>
        first !== undefined && band.fromPeriod < first ? { ...band, fromPeriod: first } : band,
      ),
  };
}
