import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import type { Week } from '#shared/week';

/** A small, fast, seedable generator (mulberry32): the same seed always gives the same history. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PersonProfile {
  /** Where each practice starts, roughly 1 to 10. */
  start: Partial<Record<PracticeId, number>>;
  /** Points gained (or lost) per practice over the whole history. */
  drift: Partial<Record<PracticeId, number>>;
  baseline: number;
  /** Chance that a given week is skipped; at most one and a half times the expected number are, whatever the luck. */
  skipRate: number;
}

export interface GeneratedWeek {
  week: Week;
  ratings: Ratings;
}

const clampRating = (value: number) => Math.min(10, Math.max(1, Math.round(value)));

/**
 * Plausible weekly self-ratings: each practice follows its own slow trend, with a shared week-to-week mood and a
 * little noise, and some weeks are missed. Used by the demo couple and by synthetic data for benchmarks.
 */
export function generateHistory(weeks: Week[], profile: PersonProfile, random: () => number): GeneratedWeek[] {
  const history: GeneratedWeek[] = [];
  // A run of bad luck must not leave the demo couple's charts half empty; a cap well above the expected number of
  // skips rarely binds, so the gaps stay spread over the whole history.
  const maxSkips = Math.ceil(1.5 * weeks.length * profile.skipRate);
  let skips = 0;
  let mood = 0;
  weeks.forEach((week, index) => {
    mood = mood * 0.6 + (random() - 0.5) * 1.6;
    if (index > 0 && index < weeks.length - 1 && random() < profile.skipRate && skips < maxSkips) {
      skips += 1;
      return;
    }
    const progress = weeks.length > 1 ? index / (weeks.length - 1) : 1;
    const ratings = Object.fromEntries(
      PRACTICE_IDS.map((id) => {
        const start = profile.start[id] ?? profile.baseline;
        const drift = profile.drift[id] ?? 0;
        return [id, clampRating(start + drift * progress + mood + (random() - 0.5) * 1.4)];
      }),
    ) as Ratings;
    history.push({ week, ratings });
  });
  return history;
}

export interface MeasureAnswerProfile {
  /** Where the answers start on each item's scale, 0 (its lowest point) to 1 (its highest). */
  level: number;
  /** How far the level moves over the whole history, in the same units (negative: downward). */
  drift: number;
  /** Chance that a period goes unanswered (no row at all). */
  missRate: number;
  /** Chance that a period is skipped (a row without answers). */
  skipRate: number;
}

export interface GeneratedMeasureAnswer {
  period: Week;
  /** One answer per item, on its scale; null for a skipped period. */
  answers: number[] | null;
}

/**
 * Plausible answers to a coach's questionnaire, period by period: the answers follow a slow trend with a mood shared
 * by the items and a little noise per item; some periods go unanswered and a few are skipped. For synthetic data
 * (the roster benchmark); it draws from its own random source, so the check-in history of a seed is unchanged.
 */
export function generateMeasureAnswers(
  periods: readonly Week[],
  items: readonly { min: number; max: number }[],
  profile: MeasureAnswerProfile,
  random: () => number,
): GeneratedMeasureAnswer[] {
  const generated: GeneratedMeasureAnswer[] = [];
  let mood = 0;
  periods.forEach((period, index) => {
    mood = mood * 0.5 + (random() - 0.5) * 0.3;
    const roll = random();
    if (roll < profile.missRate) return;
    if (roll < profile.missRate + profile.skipRate) {
      generated.push({ period, answers: null });
      return;
    }
    const progress = periods.length > 1 ? index / (periods.length - 1) : 1;
    const level = Math.min(1, Math.max(0, profile.level + profile.drift * progress + mood));
    const answers = items.map((item) => {
      const value = item.min + (level + (random() - 0.5) * 0.25) * (item.max - item.min);
      return Math.min(item.max, Math.max(item.min, Math.round(value)));
    });
    generated.push({ period, answers });
  });
  return generated;
}
