import { PRACTICE_IDS } from '#shared/practice-ids';
import { ratingsSchema, type Ratings } from '#shared/schemas/common.schema';

// How ratings are stored: a JSON text column. Another database (a JSON or array column) changes this file alone.

/** The ratings as stored: in the catalogue's order, so the same ratings are always the same text. */
export function ratingsJson(ratings: Ratings): string {
  return JSON.stringify(Object.fromEntries(PRACTICE_IDS.map((id) => [id, ratings[id]])));
}

/**
 * Ratings are validated when read too, so a hand-edited row can never reach a chart as garbage. The plain check
 * runs first because the dashboard reads hundreds of rows per request; the schema explains any failure.
 */
export function parseRatings(json: string): Ratings {
  const value: unknown = JSON.parse(json);
  if (isRatings(value)) return value;
  return ratingsSchema.parse(value);
}

/** Whether stored ratings (as JSON, in whatever key order) hold the same values as these. */
export function equalRatings(json: string, ratings: Ratings): boolean {
  let stored: Ratings;
  try {
    stored = parseRatings(json);
  } catch {
    return false;
  }
  return PRACTICE_IDS.every((id) => stored[id] === ratings[id]);
}

/** The schema's rules, checked with plain loops: a dashboard reads hundreds of rows per request. */
function isRatings(value: unknown): value is Ratings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  let keys = 0;
  for (const key in record) if (Object.hasOwn(record, key)) keys++;
  if (keys !== PRACTICE_IDS.length) return false;
  for (const id of PRACTICE_IDS) {
    const rating = record[id];
    if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 10) return false;
  }
  return true;
}
