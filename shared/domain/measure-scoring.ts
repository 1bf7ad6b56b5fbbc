// How a measure's answers become a score, and how a score reads against the coach's cut-off and reliable-change
// threshold. Pure and shared: the server stores the score it computes here, and the pages explain it the same way.

import type { Cutoff, MeasureDefinition, MeasureItem, MeasurePartnerSummary } from '#shared/schemas/measure.schema';
import { round2 } from './numbers';

/** A reversed item counts from the other end of its own scale: its lowest point scores as its highest. */
export function itemValue(item: Pick<MeasureItem, 'min' | 'max' | 'reverse'>, answer: number): number {
  return item.reverse ? item.min + item.max - answer : answer;
}

/** Why a set of answers cannot be scored, or null when every item has a whole answer on its own scale. */
export function answersProblem(items: readonly MeasureItem[], answers: readonly number[]): string | null {
  if (answers.length !== items.length) {
    return `answers: this measure has ${items.length} items; ${answers.length} answers were given.`;
  }
  for (const [index, item] of items.entries()) {
    const answer = answers[index];
    if (answer === undefined || !Number.isInteger(answer) || answer < item.min || answer > item.max) {
      return `answers.${index}: item ${index + 1} takes a whole number from ${item.min} to ${item.max}.`;
    }
  }
  return null;
}

/**
 * The score: the sum, or the mean, of the item values after reversing. Rounded to two decimals, the way it is stored
 * and shown, so that a mean like 2.3333… compares with a cut-off the same way everywhere. Call only with answers
 * `answersProblem` accepted.
 */
export function scoreAnswers(definition: Pick<MeasureDefinition, 'items' | 'scoring'>, answers: readonly number[]) {
  let total = 0;
  for (const [index, item] of definition.items.entries()) total += itemValue(item, answers[index] ?? item.min);
  return round2(definition.scoring === 'sum' ? total : total / definition.items.length);
}

/** The lowest and highest score the definition can give. */
export function scoreRange(definition: Pick<MeasureDefinition, 'items' | 'scoring'>): { min: number; max: number } {
  const min = definition.items.reduce((sum, item) => sum + item.min, 0);
  const max = definition.items.reduce((sum, item) => sum + item.max, 0);
  if (definition.scoring === 'sum') return { min, max };
  const count = Math.max(1, definition.items.length);
  return { min: round2(min / count), max: round2(max / count) };
}

/**
 * Whether a score is on the side of concern. A score exactly at the cut-off counts as concern, whichever the
 * direction: clinical cut-offs are written "a score of 10 or more", so the cut-off itself is the first score of concern.
 */
export function isConcern(score: number, cutoff: Cutoff): boolean {
  return cutoff.direction === 'above' ? score >= cutoff.value : score <= cutoff.value;
}

/**
 * The change from a partner's first score to their latest: reliable when its size reaches the threshold (a change of
 * exactly the threshold counts), a worsening when it moves toward the side of concern.
 */
export function changeSummary(
  scores: readonly number[],
  cutoff: Cutoff | null,
  reliableChange: number | null,
): MeasurePartnerSummary {
  const first = scores[0] ?? null;
  const latest = scores.at(-1) ?? null;
  if (first === null || latest === null) {
    return { latest: null, first: null, change: null, reliable: false, worsened: null, inConcern: null };
  }
  const change = round2(latest - first);
  const reliable = reliableChange !== null && Math.abs(change) >= reliableChange;
  const worsened = cutoff === null || change === 0 ? null : cutoff.direction === 'above' ? change > 0 : change < 0;
  return { latest, first, change, reliable, worsened, inConcern: cutoff === null ? null : isConcern(latest, cutoff) };
}
