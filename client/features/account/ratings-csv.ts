import { PRACTICE_IDS } from '#shared/practice-ids';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import { csvText } from '#client/lib/csv';

/** The person's check-ins as a spreadsheet: one row per week, one column per practice, and the private note. */
export function ratingsCsv(file: Pick<AccountExport, 'assessments'>): string {
  return csvText(
    ['week', ...PRACTICE_IDS, 'note'],
    file.assessments.map((a) => [a.week, ...PRACTICE_IDS.map((id) => a.ratings[id]), a.note ?? '']),
  );
}
