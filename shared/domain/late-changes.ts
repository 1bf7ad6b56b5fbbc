import type { Week } from '#shared/week';

export interface TimedEntry {
  userId: string;
  week: Week;
  /** The first submission of the week (ISO time). */
  createdAt: string;
  /** When the ratings last changed (ISO time): the first submission until they do. */
  ratingsChangedAt: string;
}

/**
 * Whether an entry's ratings changed after every partner had answered its week. From that moment each could see
 * the other's answers, so a change then is no longer a blind answer; the contract lets anyone resubmit a week, and
 * this lets the other partner know when that happened. ISO times in UTC compare as text.
 */
export function changedAfterBothAnswered<T extends TimedEntry>(
  rows: readonly T[],
  memberIds: readonly string[],
): (row: T) => boolean {
  // Per week: how many partners have answered, and when the last of them first did.
  const answered = new Map<Week, { count: number; lastFirstAnswer: string }>();
  for (const row of rows) {
    if (!memberIds.includes(row.userId)) continue;
    const week = answered.get(row.week);
    if (!week) answered.set(row.week, { count: 1, lastFirstAnswer: row.createdAt });
    else {
      week.count += 1;
      if (row.createdAt > week.lastFirstAnswer) week.lastFirstAnswer = row.createdAt;
    }
  }
  return (row) => {
    const week = answered.get(row.week);
    return (
      memberIds.length >= 2 &&
      week !== undefined &&
      week.count === memberIds.length &&
      row.ratingsChangedAt > week.lastFirstAnswer
    );
  };
}
