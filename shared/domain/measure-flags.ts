// The roster's flags about the measures a coach assigned. Pure: the roster service reads each partner's latest few
// answers and their first one (a handful of index seeks each, never a history of years), and these rules decide.
// Every number in a flag's detail is one the coach can find on the couple's page for that measure.

import type { RosterFlag } from '#shared/schemas/coach.schema';
import type { Cutoff } from '#shared/schemas/measure.schema';
import { addWeeks, compareWeeks, newestEndedWeek, weekStart, type Week } from '#shared/week';
import { formatNumber } from '#shared/wording';
import { hasPeriodEnded, periodEndWeek, periodOf, type Schedule } from './measure-periods';
import { changeSummary, isConcern } from './measure-scoring';
import { measureVisibilityFilter } from './measure-visibility';

/** Ended periods in a row a partner left unanswered (a skip included) before the coach hears of it. */
export const MISSED_PERIODS_THRESHOLD = 2;

/**
 * How many of a partner's latest answers the rules need: the latest one a coach may see and the one before it, when
 * as many as two periods can be open at once (hidden until both have answered); and the last two ended periods.
 */
export const RECENT_ANSWERS_NEEDED = 4;

export interface MeasureFlagAssignment extends Schedule {
  assignmentId: string;
  measureName: string;
  /** The current version's cut-off and reliable-change threshold: the ones the couple page draws. */
  cutoff: Cutoff | null;
  reliableChange: number | null;
}

/** One stored answer row: an answer (with its score) or a skip. */
export interface MeasureFlagAnswer {
  userId: string;
  period: Week;
  score: number | null;
  skipped: boolean;
  createdAt: string;
}

export interface PeriodScore {
  period: Week;
  score: number;
}

/** A stored answer's score, with when it was first given (ISO time): the membership rule may need it. */
export interface GivenScore extends PeriodScore {
  createdAt: string;
}

export interface MeasureFlagPartner {
  id: string;
  displayName: string;
  /**
   * The partner's first answered score of this assignment from the couple's membership start (an earlier one is
   * ignored here), when it is not among `answers`.
   */
  first: GivenScore | null;
}

export interface MeasureFlagInput {
  assignment: MeasureFlagAssignment;
  /** The couple's current partners. */
  partners: readonly MeasureFlagPartner[];
  /** The first week of the couple's current membership: nothing before it counts, unless given since it began. */
  sharedFromWeek: Week;
  /** When the current membership began (ISO time): an answer first given since then counts in any period. */
  sharedSince: string | null;
  /**
   * Answer rows of this assignment, both partners', any order: for each partner, every answer of theirs from some
   * period on, and at least their latest RECENT_ANSWERS_NEEDED answers (or all of them). Skips may be left out.
   */
  answers: readonly MeasureFlagAnswer[];
  /**
   * Periods a partner answered on an earlier version of the measure (none of them among `answers`). They count for
   * the missed rule only: a score given before an edit of the questions is no baseline for the others.
   */
  answeredOnEarlierVersions?: readonly { userId: string; period: Week }[];
  now: Date;
}

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** A period as the couple page names it: the day it starts ("2 Nov"). */
const periodText = (period: Week) => dayMonth.format(weekStart(period));

const inOrder = (a: PeriodScore, b: PeriodScore) => compareWeeks(a.period, b.period);

/**
 * The answer rows a coach may see (the visibility rule with no viewer), answers and skips alike. A period
 * that has ended is seen by all, so the rule of periods under way runs only on their few rows: the roster runs this
 * for hundreds of assignments. `newestEnded` is the schedule's newest period that has ended (see `lastEndedPeriods`).
 */
export function visibleAnswers(
  input: Pick<MeasureFlagInput, 'assignment' | 'partners' | 'sharedFromWeek' | 'sharedSince' | 'answers' | 'now'>,
  newestEnded: Week | null = lastEndedPeriods(input.assignment, input.now, 1)[0] ?? null,
): MeasureFlagAnswer[] {
  const { assignment, now, sharedFromWeek, sharedSince } = input;
  const memberIds = input.partners.map((p) => p.id);
  const ended = (period: Week) => newestEnded !== null && compareWeeks(period, newestEnded) <= 0;
  const open = input.answers
    .filter((row) => !ended(row.period))
    .map((row) => ({ ...row, answersChangedAt: row.createdAt }));
  const openVisible = new Set<MeasureFlagAnswer>();
  if (open.length > 0) {
    const visible = measureVisibilityFilter(open, {
      memberIds,
      viewerId: null,
      sharedFromWeek,
      sharedSince,
      periodClosed: (period) => hasPeriodEnded(assignment, period, now),
    });
    for (const row of open) if (visible(row)) openVisible.add(row);
  }
  // The same rule as measureVisibilityFilter's for a period that can no longer be answered: a current partner's row,
  // given within the current membership.
  const endedVisible = input.answers.filter(
    (row) => ended(row.period) && memberIds.includes(row.userId) && withinMembership(row, input),
  );
  return [...endedVisible, ...openVisible];
}

/** Given within the couple's current membership: in a period from its first week on, or first given since it began. */
function withinMembership(
  row: { period: Week; createdAt: string },
  input: Pick<MeasureFlagInput, 'sharedFromWeek' | 'sharedSince'>,
): boolean {
  return (
    compareWeeks(row.period, input.sharedFromWeek) >= 0 ||
    (input.sharedSince !== null && row.createdAt >= input.sharedSince)
  );
}

/**
 * A partner's scores the coach may see, oldest first: every one among `visible` (see `visibleAnswers`), and their
 * first when it is older than those (a period long ended). Scores given before the membership began never count.
 */
export function partnerScores(
  partner: MeasureFlagPartner,
  visible: readonly MeasureFlagAnswer[],
  input: Pick<MeasureFlagInput, 'sharedFromWeek' | 'sharedSince' | 'answers'>,
): PeriodScore[] {
  const byPeriod = new Map<Week, number>();
  for (const row of visible) {
    if (row.userId !== partner.id || row.skipped || row.score === null) continue;
    byPeriod.set(row.period, row.score);
  }
  const { first } = partner;
  // A first answer among the rows is judged with them (it may be hidden still); one older than them has ended.
  const amongRows = first !== null && input.answers.some((r) => r.userId === partner.id && r.period === first.period);
  if (first && !amongRows && withinMembership(first, input)) byPeriod.set(first.period, first.score);
  return [...byPeriod].map(([period, score]) => ({ period, score })).sort(inOrder);
}

/** `newestEndedWeek`, remembered for the last instant asked: a roster asks it once per assignment, at one instant. */
let remembered: { at: number; week: Week } | null = null;
function newestEndedWeekAt(now: Date): Week {
  if (remembered?.at !== now.getTime()) remembered = { at: now.getTime(), week: newestEndedWeek(now) };
  return remembered.week;
}

/**
 * The newest `count` periods that have ended, newest first, none before the schedule's start. Worked out from the
 * clock rather than by walking every period since the start: the roster runs this for hundreds of assignments of
 * years each.
 */
export function lastEndedPeriods(schedule: Schedule, now: Date, count: number): Week[] {
  const holdingNewestEnded = periodOf(schedule, newestEndedWeekAt(now));
  if (holdingNewestEnded === null) return [];
  let period =
    compareWeeks(periodEndWeek(schedule, holdingNewestEnded), newestEndedWeekAt(now)) <= 0
      ? holdingNewestEnded
      : addWeeks(holdingNewestEnded, -schedule.everyWeeks);
  const periods: Week[] = [];
  while (periods.length < count && compareWeeks(period, schedule.startWeek) >= 0) {
    periods.push(period);
    period = addWeeks(period, -schedule.everyWeeks);
  }
  return periods;
}

const verb = (cutoff: Cutoff) => (cutoff.direction === 'above' ? 'rose' : 'fell');

/** The latest score is in concern (at the cut-off counts) and the one before it was not. */
export function cutoffFlag(
  partner: Pick<MeasureFlagPartner, 'displayName'>,
  assignment: MeasureFlagAssignment,
  scores: readonly PeriodScore[],
): RosterFlag | null {
  const { cutoff } = assignment;
  const latest = scores.at(-1);
  const previous = scores.at(-2);
  if (!cutoff || !latest || !previous) return null;
  if (!isConcern(latest.score, cutoff) || isConcern(previous.score, cutoff)) return null;
  const where = latest.score === cutoff.value ? 'reaching' : 'past';
  return {
    kind: 'measure-cutoff',
    assignmentId: assignment.assignmentId,
    detail: `${partner.displayName}'s score on ${assignment.measureName} ${verb(cutoff)} from ${formatNumber(previous.score)} to ${formatNumber(latest.score)}, ${where} the cut-off of ${formatNumber(cutoff.value)}.`,
  };
}

/** From their first score to their latest, a change of at least the reliable-change threshold, toward concern. */
export function changeFlag(
  partner: Pick<MeasureFlagPartner, 'displayName'>,
  assignment: MeasureFlagAssignment,
  scores: readonly PeriodScore[],
): RosterFlag | null {
  const { cutoff, reliableChange } = assignment;
  if (!cutoff || reliableChange === null || scores.length < 2) return null;
  const summary = changeSummary(
    scores.map((s) => s.score),
    cutoff,
    reliableChange,
  );
  if (!summary.reliable || summary.worsened !== true || summary.first === null || summary.latest === null) return null;
  return {
    kind: 'measure-change',
    assignmentId: assignment.assignmentId,
    detail: `${partner.displayName}'s score on ${assignment.measureName} ${verb(cutoff)} from ${formatNumber(summary.first)}, their first, to ${formatNumber(summary.latest)}: a change toward concern of at least the reliable change of ${formatNumber(reliableChange)}.`,
  };
}

/**
 * The last two periods that have ended, both unanswered by the partner on any version of the measure (a skip is no
 * answer). Only periods from the assignment's start and from the couple's membership start count: with fewer of
 * those, nothing was missed yet.
 */
export function missedFlag(
  partner: Pick<MeasureFlagPartner, 'id' | 'displayName'>,
  input: Pick<MeasureFlagInput, 'assignment' | 'sharedFromWeek' | 'answers' | 'answeredOnEarlierVersions' | 'now'>,
  ended: readonly Week[] = lastEndedPeriods(input.assignment, input.now, MISSED_PERIODS_THRESHOLD),
): RosterFlag | null {
  const { assignment, sharedFromWeek } = input;
  const counted = ended.filter((period) => compareWeeks(period, sharedFromWeek) >= 0);
  if (counted.length < MISSED_PERIODS_THRESHOLD) return null;
  const answered = new Set([
    ...input.answers
      .filter((row) => row.userId === partner.id && !row.skipped && row.score !== null)
      .map((row) => row.period),
    ...(input.answeredOnEarlierVersions ?? []).filter((row) => row.userId === partner.id).map((row) => row.period),
  ]);
  if (counted.some((period) => answered.has(period))) return null;
  const [newest, older] = counted;
  if (!newest || !older) return null;
  return {
    kind: 'measure-missed',
    assignmentId: assignment.assignmentId,
    detail: `${partner.displayName} has not answered ${assignment.measureName} in the last two periods, from ${periodText(older)} and from ${periodText(newest)}.`,
  };
}

/** Every measure flag of one assignment, partner by partner: cut-off crossings, then reliable worsenings, then misses. */
export function measureFlags(input: MeasureFlagInput): RosterFlag[] {
  const ended = lastEndedPeriods(input.assignment, input.now, MISSED_PERIODS_THRESHOLD);
  const visible = visibleAnswers(input, ended[0] ?? null);
  const perPartner = input.partners.map((partner) => {
    const scores = partnerScores(partner, visible, input);
    return {
      cutoff: cutoffFlag(partner, input.assignment, scores),
      change: changeFlag(partner, input.assignment, scores),
      missed: missedFlag(partner, input, ended),
    };
  });
  return [
    ...perPartner.map((p) => p.cutoff),
    ...perPartner.map((p) => p.change),
    ...perPartner.map((p) => p.missed),
  ].filter((flag): flag is RosterFlag => flag !== null);
}
