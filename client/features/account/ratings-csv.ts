import Papa from 'papaparse';
import { PRACTICE_IDS } from '../../../shared/practice-ids';
import type { AccountExport } from '../../../shared/schemas/account-export.schema';

/**
 * The person's check-ins as a spreadsheet: one row per week, one column per practice, and the private note.
 * Formula escaping keeps a note that starts with "=" from running as a formula when the file is opened.
 */
export function ratingsCsv(file: Pick<AccountExport, 'assessments'>): string {
  const fields = ['week', ...PRACTICE_IDS, 'note'];
  const data = file.assessments.map((a) => [a.week, ...PRACTICE_IDS.map((id) => a.ratings[id]), a.note ?? '']);
  // The byte order mark tells spreadsheet programs the file is UTF-8, so names and notes keep their accents.
  return `\uFEFF${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' })}`;
}
