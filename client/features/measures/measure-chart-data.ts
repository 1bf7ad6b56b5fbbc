import type { MeasureResultEntry, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { weekStart, type Week } from '#shared/week';

/** One period of a measure's chart: each partner's score (null where there is none to show: a gap, never a zero). */
export interface MeasurePoint {
  period: Week;
  /** The period's first day, `YYYY-MM-DD`. */
  start: string;
  scores: (number | null)[];
  entries: (MeasureResultEntry | null)[];
  skipped: boolean[];
}

/** What a partner's period reads as, where there is no score to draw. */
export type PeriodState = 'score' | 'skipped' | 'none';

/** The chart's points, oldest first: every period of the schedule, answered or not, partners in the results' order. */
export function measurePoints(results: Pick<MeasureResultsDto, 'periods' | 'partners'>): MeasurePoint[] {
  const byPartner = results.partners.map((p) => ({
    entries: new Map(p.entries.map((e) => [e.period, e])),
    skipped: new Set(p.skipped),
  }));
  return results.periods.map((period) => {
    const entries = byPartner.map((p) => p.entries.get(period) ?? null);
    return {
      period,
      start: weekStart(period).toISOString().slice(0, 10),
      scores: entries.map((e) => e?.score ?? null),
      entries,
      skipped: byPartner.map((p) => p.skipped.has(period)),
    };
  });
}

export function periodState(point: MeasurePoint, slot: number): PeriodState {
  if (point.scores[slot] != null) return 'score';
  return point.skipped[slot] ? 'skipped' : 'none';
}

/** The x axis labels at most `max` periods, evenly spread, always the latest. */
export function periodTicks(points: readonly Pick<MeasurePoint, 'start'>[], max = 6): string[] {
  const step = Math.max(1, Math.ceil(points.length / max));
  const last = points.length - 1;
  return points.filter((_, i) => (last - i) % step === 0).map((p) => p.start);
}

/** The stretch of the y axis on the side of concern: from the cut-off to the scale's end in its direction. */
export function concernBand(results: Pick<MeasureResultsDto, 'cutoff' | 'measure'>): { y1: number; y2: number } | null {
  const { cutoff } = results;
  if (!cutoff) return null;
  const { min, max } = results.measure.scoreRange;
  const value = Math.min(max, Math.max(min, cutoff.value));
  return cutoff.direction === 'above' ? { y1: value, y2: max } : { y1: min, y2: value };
}

/** A few round grid values between the scale's ends, always including both ends. */
export function scoreTicks({ min, max }: { min: number; max: number }): number[] {
  const span = max - min;
  if (span <= 0) return [min];
  const rough = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks = [min];
  for (let t = Math.ceil(min / step) * step; t < max; t += step) if (t > min) ticks.push(Number(t.toFixed(2)));
  ticks.push(max);
  return ticks;
}
