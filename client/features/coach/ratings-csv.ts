import { PRACTICE_IDS } from '#shared/practice-ids';
import { connectionIndex } from '#shared/domain/connection-index';
import type { HistoryDto } from '#shared/schemas/assessment.schema';
import { csvText } from '#client/lib/csv';

/**
 * The couple's ratings as CSV: one row per partner and week, oldest first, the ten practices as columns in the
 * contract's order. Built from `assessment.history`, so it holds exactly what the coach may already see (never a
 * note) and needs no authorization of its own.
 */
export function coupleRatingsCsv(history: HistoryDto): string {
  const rows = history.partners
    .flatMap((partner) =>
      partner.entries.map((entry) => [
        entry.week,
        partner.displayName,
        ...PRACTICE_IDS.map((id) => entry.ratings[id]),
        connectionIndex(entry.ratings),
      ]),
    )
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  return csvText(['week', 'partner', ...PRACTICE_IDS, 'connection_index'], rows);
}
