import type { MeasureItem } from '#shared/schemas/measure.schema';
import { countWord, formatNumber } from '#shared/wording';
import { addWeeks, weekStart, type Week } from '#shared/week';

// How a partner reads a measure's schedule and score: plain words, the person's own locale for dates (read on the UTC
// calendar, as every week in Tandem is), and never a verdict on the number.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The id of a due measure's section on the check-in page, for links that lead to it. */
export const measureSectionId = ({ assignmentId, period }: { assignmentId: string; period: Week }) =>
  `measure-${assignmentId}-${period}`;

const weekdayDayMonth = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Mon 30 Nov": the first day of a period. */
export function periodStartText(period: Week): string {
  return weekdayDayMonth.format(weekStart(period));
}

/** "Sun 13 Dec": the last day of a period's last week, the day answers can still change until. */
export function periodLastDayText(periodEndWeek: Week): string {
  return weekdayDayMonth.format(new Date(weekStart(periodEndWeek).getTime() + 6 * DAY_MS));
}

/** "the week from Mon 30 Nov", "the two weeks from Mon 30 Nov". */
export function periodSpanText(period: Week, everyWeeks: number): string {
  const span = everyWeeks === 1 ? 'the week' : `the ${countWord(everyWeeks)} weeks`;
  return `${span} from ${periodStartText(period)}`;
}

/** A period as a short row or axis label: "30 Nov" (its first day). */
export function periodShortText(period: Week): string {
  return dayMonth.format(weekStart(period));
}

/** A period in a table or tooltip: "Week of 30 Nov" or "30 Nov – 13 Dec". */
export function periodRangeText(period: Week, everyWeeks: number): string {
  if (everyWeeks === 1) return `Week of ${periodShortText(period)}`;
  const last = new Date(weekStart(addWeeks(period, everyWeeks - 1)).getTime() + 6 * DAY_MS);
  return `${periodShortText(period)} – ${dayMonth.format(last)}`;
}

/** "Every week", "Every two weeks". */
export function everyText(everyWeeks: number): string {
  return everyWeeks === 1 ? 'Every week' : `Every ${countWord(everyWeeks)} weeks`;
}

export function formatScore(score: number): string {
  return formatNumber(score);
}

/**
 * One calm sentence on what a score is: a summary of one's own answers that shows movement over time. Never a
 * verdict, and never set against the partner's.
 */
export function scoreMeaningText(score: number): string {
  return `Your score this time: ${formatScore(score)}. It sums up your own answers in one number, so that you and your coach can see how things move from one period to the next; it is not a grade.`;
}

/** Up to this many points an item is a row of buttons, like the practices; a wider scale takes a number. */
export const MAX_BUTTON_POINTS = 11;

export function usesButtons(item: Pick<MeasureItem, 'min' | 'max'>): boolean {
  return item.max - item.min + 1 <= MAX_BUTTON_POINTS;
}

/** The answer a field's text stands for, or undefined while it is empty or off the item's scale. */
export function parseAnswer(item: Pick<MeasureItem, 'min' | 'max'>, text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= item.min && value <= item.max ? value : undefined;
}

/** What an item still waiting for an answer says. */
export function itemErrorText(item: Pick<MeasureItem, 'min' | 'max'>, text: string): string {
  if (usesButtons(item)) return 'Choose an answer for this one.';
  return text.trim() === ''
    ? `Enter a whole number from ${item.min} to ${item.max}.`
    : `That isn't a whole number from ${item.min} to ${item.max}.`;
}

/** One period of a couple's measure, for the chart and its table: each partner's score, or why there is none. */
export interface MeasureRow {
  period: Week;
  /** By partner slot: the score, or null (not answered, skipped, or not shown yet). */
  values: (number | null)[];
  skipped: boolean[];
  /** The partner changed their answers after both had answered the period. */
  changed: boolean[];
}

export function measureRows(results: {
  periods: Week[];
  partners: { entries: { period: Week; score: number; changedAfterBothAnswered: boolean }[]; skipped: Week[] }[];
}): MeasureRow[] {
  return results.periods.map((period) => {
    const entries = results.partners.map((p) => p.entries.find((e) => e.period === period));
    return {
      period,
      values: entries.map((e) => e?.score ?? null),
      skipped: results.partners.map((p) => p.skipped.includes(period)),
      changed: entries.map((e) => e?.changedAfterBothAnswered ?? false),
    };
  });
}
