import Papa from 'papaparse';
import { PRACTICE_IDS } from '../../../shared/practice-ids';
import type { HistoryDto } from '../../../shared/schemas/assessment.schema';
import { connectionIndex } from '../../../shared/domain/connection-index';

/**
 * The couple's ratings as CSV: one row per partner and week, oldest first, the ten practices as columns in the
 * contract's order. Built from `assessment.history`, so it holds exactly what the coach may already see (never a
 * note) and needs no authorization of its own.
 */
export function ratingsCsv(history: HistoryDto): string {
  const rows = history.partners
    .flatMap((partner) =>
      partner.entries.map((entry) => ({
        week: entry.week,
        partner: partner.displayName,
        ...Object.fromEntries(PRACTICE_IDS.map((id) => [id, entry.ratings[id]])),
        connection_index: connectionIndex(entry.ratings),
      })),
    )
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  // escapeFormulae: a name such as "=HYPERLINK(…)" must not run as a formula when the file is opened in a spreadsheet.
  return Papa.unparse({ fields: ['week', 'partner', ...PRACTICE_IDS, 'connection_index'], data: rows.map((r) => Object.values(r)) }, { escapeFormulae: true, newline: '\r\n' });
}
