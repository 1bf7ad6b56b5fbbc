import * as z from 'zod/mini';
import type { PracticeId } from '#shared/practice-ids';
import type { Week } from '#shared/week';
import { idSchema } from './common.schema';

export const DASHBOARD_RANGES = ['12w', '6m', '1y', 'all'] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export const rangeSchema = z.enum(DASHBOARD_RANGES, 'Choose a range: 12w, 6m, 1y or all.');

export const dashboardInputSchema = z._default(
  z.strictObject({
    coupleId: z.optional(idSchema),
    range: z._default(rangeSchema, '12w'),
  }),
  { range: '12w' },
);
export type DashboardInput = z.input<typeof dashboardInputSchema>;

/** Partners are slots in the order they joined: `values[0]` is always the first partner, whoever is looking. */
export type PerPartner<T> = T[];

export interface SeriesPoint {
  /** A week (`2026-W48`) or, for long ranges, a month (`2026-11`). */
  period: string;
  /** The period's first day, `YYYY-MM-DD`, for axis labels and tooltips. */
  start: string;
  /** One value per partner; null where that partner did not log (a gap, never a zero). */
  values: PerPartner<number | null>;
}

export interface ConnectionPoint extends SeriesPoint {
  /** Per partner, the 4-week trailing average over the weeks logged; for monthly points, the month's own mean. */
  trend: PerPartner<number | null>;
  /** The mean of the partners' values, when every partner logged the period. */
  coupleMean: number | null;
}

export interface WheelSnapshot {
  week: Week;
  ratings: Record<PracticeId, number>;
}

export interface WheelPartner {
  latest: WheelSnapshot | null;
  /** The same partner's first check-in in the range, to compare shapes. */
  earlier: WheelSnapshot | null;
}

export interface SideBySideRow {
  practiceId: PracticeId;
  partners: PerPartner<{ latest: number | null; week: Week | null; change: number | null }>;
  /** |first − second| of the latest ratings, when both exist. */
  difference: number | null;
  /** A difference of 3 or more: a conversation starter, not a verdict. */
  worthAConversation: boolean;
}

/** A stretch of weeks in which the couple had adopted a practice as their focus. */
export interface FocusBand {
  practiceId: PracticeId;
  /** The first week it was the focus (it may begin before the range). */
  fromWeek: Week;
  /** The last week it was the focus; null while it still is. */
  toWeek: Week | null;
  /** Where the band sits on the charts: the first and last `period` it covers within the range. */
  fromPeriod: string;
  toPeriod: string;
}

export interface DashboardDto {
  range: DashboardRange;
  granularity: 'week' | 'month';
  fromWeek: Week;
  toWeek: Week;
  partners: { userId: string; displayName: string }[];
  connection: ConnectionPoint[];
  practices: { practiceId: PracticeId; points: SeriesPoint[] }[];
  wheel: PerPartner<WheelPartner>;
  sideBySide: SideBySideRow[];
  /**
   * Per partner, the week of their latest check-in in the range (the one side by side shows) when its ratings changed
   * after every partner had answered that week, so it was not a blind answer; otherwise null.
   */
  changedAfterBothAnswered: PerPartner<Week | null>;
  rhythm: {
    /** Weeks in a row, up to this one or the last, in which every partner checked in. */
    streak: number;
    thisWeek: Week;
    submittedThisWeek: PerPartner<boolean>;
  };
  /** The couple's adopted focuses that overlap the range, oldest first. */
  focusBands: FocusBand[];
  /**
   * Per partner, the periods of the series (as in `period`) in which they checked in but the reader may not see those
   * ratings yet: a week still under way that not every partner has answered. Their value there is null, as for a week
   * not logged; this says which it is, and nothing of the ratings.
   */
  heldBack: PerPartner<string[]>;
  /**
   * The first week with a check-in the reader may see, in the whole history rather than the range: how far back the
   * ranges reach. Null when there is none.
   */
  firstWeek: Week | null;
  /**
   * While the couple is in its first weeks (a history, as the reader may see it, that began within the last twelve
   * weeks and has fewer than `FIRST_WEEKS` weeks with a check-in), how many such weeks there are; null from then on.
   * A chart of one or two dots says little, so the dashboard welcomes them instead.
   */
  firstWeeks: number | null;
  /** Whether anything at all has been logged by anyone visible. */
  isEmpty: boolean;
}

/** Charts are drawn once the reader can see check-ins from this many different weeks. */
export const FIRST_WEEKS = 3;
