import { PRACTICE_IDS } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import { round1 } from './numbers';

/** The connection index of a check-in: the mean of its ten ratings, to one decimal. */
export function connectionIndex(ratings: Ratings): number {
  const total = PRACTICE_IDS.reduce((sum, id) => sum + ratings[id], 0);
  return round1(total / PRACTICE_IDS.length);
}
