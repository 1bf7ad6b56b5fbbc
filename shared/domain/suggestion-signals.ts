// The measurements the suggestion engine scores: each partner's recent level on a practice, how far it fell, and
// how far apart the partners see it. Pure functions of the check-ins; no weights or wording live here.

import type { PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import { addWeeks, compareWeeks, type Week } from '#shared/week';
import { mean, round2 } from './numbers';

/**
 * Only check-ins from this many weeks before the week a suggestion is for say anything about where a couple is now.
 * That week's own check-ins wait for the next one, so the suggestion stays put while the partners check in.
 */
export const RECENT_WEEKS = 8;
/** A partner's level is the mean of their latest few check-ins: one odd week should not decide a suggestion. */
export const LEVEL_CHECK_INS = 3;
/** A fall is measured against the check-in this many weeks before the latest one... */
export const FALL_WEEKS = 4;
/** ...or, when that week was skipped, the nearest check-in at most this many weeks either side of it. */
export const FALL_SLACK_WEEKS = 1;

export interface PartnerInput {
  name: string;
  entries: readonly { week: Week; ratings: Ratings }[];
  /** The partner reading the suggestion: the sentences call them "you". */
  you?: boolean;
}

/** One partner's check-ins before the suggestion's week, oldest first, one per week. */
export interface PartnerHistory {
  name: string;
  you: boolean;
  /** Whether they ever checked in before the suggestion's week. */
  everLogged: boolean;
  byWeek: ReadonlyMap<Week, Ratings>;
  /** The weeks inside the recent window, oldest first. */
  recent: readonly Week[];
}

export interface PartnerLevel {
  name: string;
  you: boolean;
  level: number;
  /** How many check-ins the level averages (1 to `LEVEL_CHECK_INS`). */
  count: number;
}

export interface PartnerFall {
  name: string;
  you: boolean;
  /** Points lost; positive means the practice went down. */
  amount: number;
  from: number;
  to: number;
  /** Weeks between the two check-ins compared. */
  weeks: number;
}

export interface PracticeSignals {
  practiceId: PracticeId;
  /** Partners with a recent level, in canonical order (by name). */
  levels: PartnerLevel[];
  /** Each partner's fall, largest first; empty when nobody has two check-ins to compare. */
  falls: PartnerFall[];
  /** Highest level minus lowest; 0 with fewer than two partners. */
  gap: number;
}

/**
 * Orders partners by name and, for equal names, by their check-ins, so nothing downstream depends on join order.
 * Several entries for one week (which the app does not create) are averaged rather than picked by position. Only
 * weeks before `thisWeek` count: the suggestion for a week is settled when it begins.
 */
export function partnerHistories(partners: readonly PartnerInput[], thisWeek: Week): PartnerHistory[] {
  const windowStart = addWeeks(thisWeek, -RECENT_WEEKS);
  const histories = partners.map((partner) => {
    const grouped = new Map<Week, Ratings[]>();
    for (const entry of partner.entries) {
      if (compareWeeks(entry.week, thisWeek) >= 0) continue; // this week's answers count from the next one
      grouped.set(entry.week, [...(grouped.get(entry.week) ?? []), entry.ratings]);
    }
    const weeks = [...grouped.keys()].sort(compareWeeks);
    const byWeek = new Map<Week, Ratings>(weeks.map((week) => [week, mergeRatings(grouped.get(week)!)]));
    return {
      name: partner.name,
      you: partner.you ?? false,
      everLogged: weeks.length > 0,
      byWeek,
      recent: weeks.filter((week) => compareWeeks(week, windowStart) >= 0),
    };
  });
  const keyed = histories.map((history) => ({ history, key: historyKey(history) }));
  keyed.sort((a, b) => compareText(a.history.name, b.history.name) || compareText(a.key, b.key));
  return keyed.map(({ history }) => history);
}

function mergeRatings(list: readonly Ratings[]): Ratings {
  if (list.length === 1) return list[0]!;
  const merged = { ...list[0]! };
  // Never empty: every list holds the entries of a week that has at least one.
  for (const id of Object.keys(merged) as PracticeId[]) merged[id] = mean(list.map((ratings) => ratings[id]))!;
  return merged;
}

function historyKey(history: PartnerHistory): string {
  return JSON.stringify([...history.byWeek].map(([week, ratings]) => [week, Object.entries(ratings).sort()]));
}

/** Plain code-unit order: the same on every machine, unlike a locale-aware comparison. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function practiceSignals(histories: readonly PartnerHistory[], practiceId: PracticeId): PracticeSignals {
  const levels: PartnerLevel[] = [];
  const falls: PartnerFall[] = [];
  for (const history of histories) {
    const level = recentLevel(history, practiceId);
    if (level) levels.push(level);
    const fall = recentFall(history, practiceId);
    if (fall) falls.push(fall);
  }
  // A stable sort keeps equal falls in canonical (name) order.
  falls.sort((a, b) => b.amount - a.amount);
  const values = levels.map((l) => l.level);
  const gap = values.length >= 2 ? round2(Math.max(...values) - Math.min(...values)) : 0;
  return { practiceId, levels, falls, gap };
}

function recentLevel(history: PartnerHistory, practiceId: PracticeId): PartnerLevel | null {
  const weeks = history.recent.slice(-LEVEL_CHECK_INS);
  const level = mean(weeks.map((week) => history.byWeek.get(week)![practiceId]));
  if (level === null) return null;
  return { name: history.name, you: history.you, level, count: weeks.length };
}

/** The latest recent check-in against the one about `FALL_WEEKS` earlier; the earlier of two equally near wins. */
function recentFall(history: PartnerHistory, practiceId: PracticeId): PartnerFall | null {
  const latest = history.recent.at(-1);
  if (!latest) return null;
  const target = addWeeks(latest, -FALL_WEEKS);
  for (const offset of slackOffsets()) {
    const week = addWeeks(target, offset);
    const before = history.byWeek.get(week);
    if (!before) continue;
    const from = before[practiceId];
    const to = history.byWeek.get(latest)![practiceId];
    return {
      name: history.name,
      you: history.you,
      amount: round2(from - to),
      from,
      to,
      weeks: FALL_WEEKS - offset,
    };
  }
  return null;
}

/** 0, -1, +1, -2, +2 …: nearest first, earlier before later. */
function slackOffsets(): number[] {
  const offsets = [0];
  for (let step = 1; step <= FALL_SLACK_WEEKS; step += 1) offsets.push(-step, step);
  return offsets;
}
