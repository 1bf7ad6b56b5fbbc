import type { MeasureResultsDto } from '#shared/schemas/measure.schema';
import { csvText } from '#client/lib/csv';

/**
 * A couple's measures as CSV: one row per partner and answered period, oldest first within each measure, with the
 * score, the version answered and each question's answer (`item_1`, `item_2`, … in the version's order). Built from
 * `measure.results`, so it holds exactly what the coach may already see: no period still under wraps.
 */
export function coupleMeasuresCsv(results: readonly MeasureResultsDto[]): string {
  const width = Math.max(
    0,
    ...results.flatMap((r) => r.partners.flatMap((p) => p.entries.map((e) => e.answers?.length ?? 0))),
  );
  const itemColumns = Array.from({ length: width }, (_, i) => `item_${i + 1}`);
  const rows = results.flatMap((r) =>
    r.periods.flatMap((period) =>
      r.partners.flatMap((partner) =>
        partner.entries
          .filter((entry) => entry.period === period)
          .map((entry) => [
            r.measure.name,
            period,
            partner.displayName,
            entry.score,
            entry.version,
            entry.changedAfterBothAnswered ? 'yes' : 'no',
            ...itemColumns.map((_, i) => entry.answers?.[i] ?? ''),
          ]),
      ),
    ),
  );
  return csvText(
    ['measure', 'period', 'partner', 'score', 'version', 'changed_after_both_answered', ...itemColumns],
    rows,
  );
}
