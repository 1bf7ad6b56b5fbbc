import type { Cutoff, MeasurePartnerSummary, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { formatNumber, points } from '#shared/wording';

// The words a coach reads about a measure's scores, the same on the couple's page, in its table and in the report.
// Plain and calm: a score "on the side of concern" is worth a conversation, not an alarm.

/** "10 or more means concern". A score exactly at the cut-off counts as concern (see measure-scoring). */
export function cutoffText(cutoff: Cutoff): string {
  return `${formatNumber(cutoff.value)} or ${cutoff.direction === 'above' ? 'more' : 'less'} means concern`;
}

/** "every 2 weeks" or "every week". */
export function everyText(everyWeeks: number): string {
  return everyWeeks === 1 ? 'every week' : `every ${everyWeeks} weeks`;
}

/** What a partner's change since their first score amounts to, read against the reliable-change threshold. */
export function changeText(
  summary: MeasurePartnerSummary,
  measure: Pick<MeasureResultsDto['measure'], 'reliableChange'>,
): string {
  if (summary.change === null || summary.first === null || summary.latest === null) return 'No score yet.';
  if (summary.latest === summary.first && summary.change === 0) {
    return `The same as the first score (${formatNumber(summary.first)}).`;
  }
  const size = points(Math.abs(summary.change));
  const direction = summary.change > 0 ? 'higher' : 'lower';
  const base = `${size} ${direction} than the first score (${formatNumber(summary.first)})`;
  if (measure.reliableChange === null) return `${base}.`;
  const toward =
    summary.worsened === true ? ', toward concern' : summary.worsened === false ? ', away from concern' : '';
  return summary.reliable ? `${base}: a reliable change${toward}.` : `${base}: within normal variation.`;
}

/** Where the latest score sits against the cut-off. */
export function concernText(summary: MeasurePartnerSummary, cutoff: Cutoff | null): string | null {
  if (cutoff === null || summary.inConcern === null) return null;
  return summary.inConcern ? 'On the side of concern.' : 'Not on the side of concern.';
}
