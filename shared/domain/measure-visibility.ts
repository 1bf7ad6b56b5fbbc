// Who may see which of a measure's answers, period by period: the check-in rule (visibility.ts), the membership rule
// (membership.ts) and the late-change mark (late-changes.ts), with a period of an assignment in place of a week.
// Pure, so the results page, the roster's flags and the tests all read one rule.

import { compareWeeks, type Week } from '#shared/week';

export interface PeriodAnswer {
  userId: string;
  period: Week;
  /** A skip says "not this time": it is shown as such, but it is no answer, so it never unhides the other's. */
  skipped: boolean;
  /** When this row was first an answer (a skip replaced by answers starts again then). ISO time. */
  createdAt: string;
  /** When its answers last changed (ISO time): the first answer until they do. */
  answersChangedAt: string;
}

export interface MeasureVisibilityContext {
  /** The couple's current partners: only their rows are ever shown, and both must answer to unhide a period. */
  memberIds: readonly string[];
  /** The person reading; null for someone who is no member (a coach): then only what every partner may see. */
  viewerId: string | null;
  /** The week the couple's current membership began: another person's rows from the period that starts then on. */
  sharedFromWeek: Week | null;
  /**
   * When the current membership began (ISO time): a row first answered since then was given to this couple even in
   * a period that began before it (a period may span several weeks, and someone may join in its middle).
   */
  sharedSince: string | null;
  /**
   * Whether the period has ended by its own dates (its last week ended everywhere). A stopped schedule does not close
   * its period early: the same period may be scheduled again, and a score shown early could anchor its answer.
   */
  periodClosed: (period: Week) => boolean;
}

/** The periods in which every current partner has answered (a skip does not count). */
function periodsAnsweredByAll(rows: readonly PeriodAnswer[], memberIds: readonly string[]): Map<Week, string> {
  const answered = new Map<Week, { users: Set<string>; lastFirstAnswer: string }>();
  for (const row of rows) {
    if (row.skipped || !memberIds.includes(row.userId)) continue;
    const period = answered.get(row.period);
    if (!period) answered.set(row.period, { users: new Set([row.userId]), lastFirstAnswer: row.createdAt });
    else {
      period.users.add(row.userId);
      if (row.createdAt > period.lastFirstAnswer) period.lastFirstAnswer = row.createdAt;
    }
  }
  // Period → when the last of the partners first answered it.
  const complete = new Map<Week, string>();
  if (memberIds.length < 2) return complete;
  for (const [period, { users, lastFirstAnswer }] of answered) {
    if (memberIds.every((id) => users.has(id))) complete.set(period, lastFirstAnswer);
  }
  return complete;
}

/**
 * Whether the viewer may see a row (a score, or that it was skipped). Their own, always: leaving a couple never
 * takes a person's history from them. Anyone else's only when it belongs to a current partner, was given within the
 * couple's current membership (a period from its first week on, or a first answer since it began), and either both partners have answered that period (so nobody anchors
 * on the other's answer) or the period can no longer be answered.
 */
export function measureVisibilityFilter<T extends PeriodAnswer>(
  rows: readonly T[],
  context: MeasureVisibilityContext,
): (row: T) => boolean {
  const complete = periodsAnsweredByAll(rows, context.memberIds);
  return (row) => {
    if (context.viewerId !== null && row.userId === context.viewerId) return true;
    if (!context.memberIds.includes(row.userId)) return false;
    const inMembership =
      (context.sharedFromWeek !== null && compareWeeks(row.period, context.sharedFromWeek) >= 0) ||
      (context.sharedSince !== null && row.createdAt >= context.sharedSince);
    if (!inMembership) return false;
    return complete.has(row.period) || context.periodClosed(row.period);
  };
}

/**
 * Whether a row's answers changed after every partner had answered its period: from then on each could see the
 * other's score (when the couple sees scores), so the change is no longer a blind answer. ISO times compare as text.
 */
export function measureChangedAfterBothAnswered<T extends PeriodAnswer>(
  rows: readonly T[],
  memberIds: readonly string[],
): (row: T) => boolean {
  const complete = periodsAnsweredByAll(rows, memberIds);
  return (row) => {
    if (row.skipped) return false;
    const lastFirstAnswer = complete.get(row.period);
    return lastFirstAnswer !== undefined && row.answersChangedAt > lastFirstAnswer;
  };
}
