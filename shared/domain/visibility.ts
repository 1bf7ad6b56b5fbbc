import { compareWeeks, newestEndedWeek, type Week } from '#shared/week';

export interface OwnedWeek {
  userId: string;
  week: Week;
}

/**
 * Whether the viewer may see an entry. Your own, always. Someone else's for a week still under way somewhere on
 * Earth, only once every partner of the couple has logged that week, so nobody anchors on the other's answers.
 * A null viewer stands for "everyone": only what every partner may already see.
 */
export function visibilityFilter<T extends OwnedWeek>(
  rows: readonly T[],
  memberIds: readonly string[],
  viewerId: string | null,
  now: Date,
) {
  const loggedBy = new Map<Week, Set<string>>();
  for (const row of rows) {
    const set = loggedBy.get(row.week) ?? new Set<string>();
    set.add(row.userId);
    loggedBy.set(row.week, set);
  }
  // Worked out once: rows arrive by the hundred and every week up to this one has ended.
  const lastEnded = newestEndedWeek(now);
  const everyoneLogged = (week: Week) => memberIds.length >= 2 && memberIds.every((id) => loggedBy.get(week)?.has(id));
  return (row: T) => row.userId === viewerId || compareWeeks(row.week, lastEnded) <= 0 || everyoneLogged(row.week);
}
