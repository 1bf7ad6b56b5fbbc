import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';

/**
 * All ten ratings: one value for every practice, a value worked out from each practice and its place in the
 * catalogue, or a base value (5 unless given) with some overridden.
 */
export function ratingsOf(
  value: number | Partial<Ratings> | ((practiceId: PracticeId, index: number) => number),
  overrides: Partial<Ratings> = {},
): Ratings {
  if (typeof value === 'function')
    return Object.fromEntries(PRACTICE_IDS.map((id, i) => [id, overrides[id] ?? value(id, i)])) as Ratings;
  const base = typeof value === 'number' ? value : 5;
  const extra = typeof value === 'number' ? overrides : { ...value, ...overrides };
  return Object.fromEntries(PRACTICE_IDS.map((id) => [id, extra[id] ?? base])) as Ratings;
}
