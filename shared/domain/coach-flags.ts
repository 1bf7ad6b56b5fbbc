// What a coach should look at first across their couples. Pure: the roster service reads the rows, these rules
// decide. Every number in a flag's detail is one the coach can find on the couple's page.

import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import type { RosterFlag, RosterFlagKind } from '#shared/schemas/coach.schema';
import { addWeeks, compareWeeks, weekRange, weeksBetween, type Week } from '#shared/week';
import { practiceLabel } from '#shared/wording';
import { connectionIndex } from './connection-index';
import { mean, round1 } from './numbers';

/** Weekly check-ins missed in a row (weeks that have ended) before a coach hears of it. */
export const MISSED_WEEKS_THRESHOLD = 2;
/** A practice falling this many points within DROP_WINDOW_WEEKS. */
export const PRACTICE_DROP_THRESHOLD = 3;
/** The connection index falling this much within DROP_WINDOW_WEEKS. */
export const CONNECTION_DROP_THRESHOLD = 1.5;
export const DROP_WINDOW_WEEKS = 3;
/**
 * Partners this many points apart on a practice in their latest check-ins. Higher than the suggestion's
 * LEVEL_GAP_THRESHOLD: a single week's ratings vary more than an average of several, and a flag asks for a coach's
 * attention.
 */
export const LATEST_GAP_THRESHOLD = 4;
/** Weeks without an adopted focus. */
export const NO_FOCUS_WEEKS = 4;
/** How many weeks the roster's connection trend spans, this week included. */
export const TREND_WEEKS = 4;
/** The roster reads this many weeks back: enough for the drop window before the latest check-in of the trend. */
export const ROSTER_LOOKBACK_WEEKS = TREND_WEEKS + DROP_WINDOW_WEEKS + 1;

/**
 * How much each kind of flag moves a couple up the roster. A measure's flags: crossing its cut-off into concern and a
 * reliable worsening are what the coach chose the instrument to catch, validated signals of the kind a clinician acts
 * on, so they rank with the steepest fall of the connection index. Two periods unanswered are a gap in the record,
 * not a sign about the person (they may still check in every week): below missed check-ins, beside a gap in ratings.
 */
export const URGENCY: Readonly<Record<RosterFlagKind, number>> = {
  'connection-drop': 4,
  'measure-cutoff': 4,
  'measure-change': 4,
  'practice-drop': 3,
  'missed-check-ins': 3,
  'measure-missed': 2,
  gap: 2,
  'no-focus': 1,
};

export interface RosterEntry {
  week: Week;
  ratings: Ratings;
}

export interface RosterPartner {
  id: string;
  displayName: string;
  /** The latest week this partner logged, whatever its visibility: that they checked in is not what they said. */
  lastCheckInWeek: Week | null;
  /** The week they joined the couple: missed weeks are never counted from before it. */
  joinedWeek: Week;
  /** Recent entries the coach may see (visibility rule with no viewer), any order. */
  entries: RosterEntry[];
}

export interface RosterCoupleInput {
  thisWeek: Week;
  /** `oldestUnendedWeek` of the moment: missed check-ins count the weeks before it, each over everywhere. */
  oldestUnendedWeek: Week;
  partners: RosterPartner[];
  /** The week the couple began. */
  sinceWeek: Week;
  /** The couple's own focus: the one adopted now, and the last week any adopted focus was running. */
  adoptedFocus: { current: PracticeId | null; lastWeek: Week | null };
}

/**
 * Weeks over everywhere since the partner last checked in (or since they joined, if never): those before
 * `unendedFrom`, the oldest week not yet over everywhere (`oldestUnendedWeek`).
 */
export function missedWeeks(partner: Pick<RosterPartner, 'lastCheckInWeek' | 'joinedWeek'>, unendedFrom: Week): number {
  if (partner.lastCheckInWeek === null) return Math.max(0, weeksBetween(partner.joinedWeek, unendedFrom));
  const sinceJoined = Math.max(0, weeksBetween(partner.joinedWeek, unendedFrom));
  return Math.max(0, Math.min(sinceJoined, weeksBetween(partner.lastCheckInWeek, unendedFrom) - 1));
}

export function missedCheckInFlags(partners: readonly RosterPartner[], unendedFrom: Week): RosterFlag[] {
  return partners.flatMap((partner) => {
    const missed = missedWeeks(partner, unendedFrom);
    if (missed < MISSED_WEEKS_THRESHOLD) return [];
    const detail =
      partner.lastCheckInWeek === null
        ? `${partner.displayName} has not checked in yet, ${missed} weeks after joining.`
        : `${partner.displayName} has missed the last ${missed} weekly check-ins.`;
    return [{ kind: 'missed-check-ins' as const, detail }];
  });
}

/** The latest entry and the ones in the window before it, oldest first. */
function latestWithWindow(entries: readonly RosterEntry[]) {
  const sorted = [...entries].sort((a, b) => compareWeeks(a.week, b.week));
  const latest = sorted.at(-1);
  if (!latest) return null;
  // Week keys compare as text; one subtraction instead of one per entry (the roster runs this for hundreds of people).
  const from = addWeeks(latest.week, -DROP_WINDOW_WEEKS);
  const before = sorted.filter((e) => compareWeeks(e.week, from) >= 0 && compareWeeks(e.week, latest.week) < 0);
  return { latest, before };
}

/** A practice or the connection index falling fast for one partner, against the highest value in the window. */
export function dropFlags(partner: RosterPartner): RosterFlag[] {
  const window = latestWithWindow(partner.entries);
  if (!window || window.before.length === 0) return [];
  const { latest, before } = window;
  const flags: RosterFlag[] = [];
  const latestIndex = connectionIndex(latest.ratings);
  const highestIndex = Math.max(...before.map((e) => connectionIndex(e.ratings)));
  if (round1(highestIndex - latestIndex) >= CONNECTION_DROP_THRESHOLD) {
    flags.push({
      kind: 'connection-drop',
      detail: `${partner.displayName}'s connection index fell from ${highestIndex} to ${latestIndex} within ${DROP_WINDOW_WEEKS} weeks.`,
    });
  }
  for (const practiceId of PRACTICE_IDS) {
    const highest = Math.max(...before.map((e) => e.ratings[practiceId]));
    const now = latest.ratings[practiceId];
    if (highest - now >= PRACTICE_DROP_THRESHOLD) {
      flags.push({
        kind: 'practice-drop',
        practiceId,
        detail: `${partner.displayName}'s rating of ${practiceLabel(practiceId)} fell from ${highest} to ${now} within ${DROP_WINDOW_WEEKS} weeks.`,
      });
    }
  }
  return flags;
}

/** Practices the partners rate themselves very differently on, from each one's latest check-in. */
export function gapFlags(partners: readonly RosterPartner[]): RosterFlag[] {
  if (partners.length < 2) return [];
  const latest = partners.map((p) => latestWithWindow(p.entries)?.latest ?? null);
  const [a, b] = latest;
  const [pa, pb] = partners;
  if (!a || !b || !pa || !pb) return [];
  return PRACTICE_IDS.flatMap((practiceId) => {
    const [ra, rb] = [a.ratings[practiceId], b.ratings[practiceId]];
    if (Math.abs(ra - rb) < LATEST_GAP_THRESHOLD) return [];
    return [
      {
        kind: 'gap' as const,
        practiceId,
        // Self-ratings: whose own rating each number is, never "sees", which reads as two opinions of one thing.
        detail: `On ${practiceLabel(practiceId)}, ${pa.displayName}'s own rating is ${ra} and ${pb.displayName}'s is ${rb}.`,
      },
    ];
  });
}

/** Weeks without a focus the couple chose themselves. */
export function noFocusFlag(input: Pick<RosterCoupleInput, 'thisWeek' | 'sinceWeek' | 'adoptedFocus'>): RosterFlag[] {
  if (input.adoptedFocus.current !== null) return [];
  const from = input.adoptedFocus.lastWeek ?? input.sinceWeek;
  const weeks = weeksBetween(from, input.thisWeek);
  if (weeks < NO_FOCUS_WEEKS) return [];
  const detail =
    input.adoptedFocus.lastWeek === null
      ? `No focus adopted yet, ${weeks} weeks after starting.`
      : `No focus adopted for ${weeks} weeks.`;
  return [{ kind: 'no-focus', detail }];
}

export function rosterFlags(input: RosterCoupleInput): RosterFlag[] {
  const drops = input.partners.flatMap(dropFlags);
  return [
    ...drops.filter((f) => f.kind === 'connection-drop'),
    ...drops.filter((f) => f.kind === 'practice-drop'),
    ...missedCheckInFlags(input.partners, input.oldestUnendedWeek),
    ...gapFlags(input.partners),
    ...noFocusFlag(input),
  ];
}

/** Most urgent kind first; flags of one urgency keep their order (a stable sort). */
export function byFlagUrgency(flags: readonly RosterFlag[]): RosterFlag[] {
  return [...flags].sort((a, b) => URGENCY[b.kind] - URGENCY[a.kind]);
}

export function urgencyOf(flags: readonly RosterFlag[]): number {
  return flags.reduce((sum, flag) => sum + URGENCY[flag.kind], 0);
}

/** The couple's connection index week by week (mean of the partners who logged), for the last TREND_WEEKS weeks. */
export function connectionTrend(partners: readonly RosterPartner[], thisWeek: Week) {
  const weeks = weekRange(addWeeks(thisWeek, -(TREND_WEEKS - 1)), thisWeek);
  const trend = weeks.map((week) => {
    const values = partners.flatMap((p) =>
      p.entries.filter((e) => e.week === week).map((e) => connectionIndex(e.ratings)),
    );
    const value = mean(values);
    return value === null ? null : round1(value);
  });
  const now = [...trend].reverse().find((v) => v !== null) ?? null;
  return { weeks, trend, now };
}
