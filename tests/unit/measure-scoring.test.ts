import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answersProblem,
  changeSummary,
  isConcern,
  itemValue,
  scoreAnswers,
  scoreRange,
} from '#shared/domain/measure-scoring';
import type { Cutoff, MeasureItem } from '#shared/schemas/measure.schema';

const RUNS = { numRuns: 300 };

function item(min: number, max: number, reverse = false): MeasureItem {
  return { text: 'An item', min, max, minLabel: 'Low', maxLabel: 'High', reverse };
}

/** A scale inside 0..100 with at least two points. */
const scaleArb = fc
  .integer({ min: 0, max: 99 })
  .chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min: min + 1, max: 100 }) }));
const itemArb = fc
  .record({ scale: scaleArb, reverse: fc.boolean() })
  .map(({ scale, reverse }) => item(scale.min, scale.max, reverse));
const itemsArb = fc.array(itemArb, { minLength: 1, maxLength: 40 });
/** Items with a whole answer on each one's own scale. */
const answeredArb = itemsArb.chain((items) =>
  fc.record({
    items: fc.constant(items),
    answers: fc.tuple(...items.map((i) => fc.integer({ min: i.min, max: i.max }))),
  }),
);
const cutoffArb: fc.Arbitrary<Cutoff> = fc.record({
  value: fc.integer({ min: -10000, max: 10000 }).map((c) => c / 100),
  direction: fc.constantFrom('above' as const, 'below' as const),
});
/** Scores as stored: two decimals. */
const scoreArb = fc.integer({ min: -100000, max: 100000 }).map((c) => c / 100);

describe('itemValue', () => {
  it.each([
    [item(0, 3), 0, 0],
    [item(0, 3), 3, 3],
    [item(0, 3, true), 0, 3],
    [item(0, 3, true), 1, 2],
    [item(1, 5, true), 1, 5],
    [item(1, 5, true), 3, 3],
    [item(1, 5, true), 5, 1],
  ])('%o answered %d counts %d', (definition, answer, value) => {
    expect(itemValue(definition, answer)).toBe(value);
  });

  it('reverse scoring is an involution that maps the scale onto itself', () => {
    fc.assert(
      fc.property(
        scaleArb.chain((s) => fc.record({ s: fc.constant(s), answer: fc.integer({ min: s.min, max: s.max }) })),
        ({ s, answer }) => {
          const reversed = item(s.min, s.max, true);
          const once = itemValue(reversed, answer);
          expect(once).toBeGreaterThanOrEqual(s.min);
          expect(once).toBeLessThanOrEqual(s.max);
          expect(itemValue(reversed, once)).toBe(answer);
          // Onto: the lowest point and the highest trade places.
          expect(itemValue(reversed, s.min)).toBe(s.max);
          expect(itemValue(reversed, s.max)).toBe(s.min);
        },
      ),
      RUNS,
    );
  });
});

describe('answersProblem', () => {
  const items = [item(0, 3), item(1, 5, true)];
  it.each([
    [[0, 1], null],
    [[3, 5], null],
    [[0], 'answers: this measure has 2 items; 1 answers were given.'],
    [[0, 1, 2], 'answers: this measure has 2 items; 3 answers were given.'],
    [[4, 1], 'answers.0: item 1 takes a whole number from 0 to 3.'],
    [[0, 0], 'answers.1: item 2 takes a whole number from 1 to 5.'],
    [[0, 1.5], 'answers.1: item 2 takes a whole number from 1 to 5.'],
    [[-1, 1], 'answers.0: item 1 takes a whole number from 0 to 3.'],
  ])('%o → %s', (answers, problem) => {
    expect(answersProblem(items, answers)).toBe(problem);
  });
});

describe('scoreAnswers and scoreRange', () => {
  it.each([
    // Four items 0..3, the second reversed: 2 + (3 − 1) + 3 + 0.
    ['sum', [item(0, 3), item(0, 3, true), item(0, 3), item(0, 3)], [2, 1, 3, 0], 7],
    ['mean', [item(0, 3), item(0, 3, true), item(0, 3), item(0, 3)], [2, 1, 3, 0], 1.75],
    // A mean that does not end: stored and compared with two decimals.
    ['mean', [item(1, 5), item(1, 5), item(1, 5)], [1, 2, 4], 2.33],
    ['sum', [item(1, 5, true)], [5], 1],
  ] as const)('%s of %o answered %o is %d', (scoring, items, answers, score) => {
    expect(scoreAnswers({ scoring, items: [...items] }, answers)).toBe(score);
  });

  it('reversing every item of a sum gives the sum of the scales’ ends minus the original', () => {
    fc.assert(
      fc.property(answeredArb, ({ items, answers }) => {
        const plain = items.map((i) => ({ ...i, reverse: false }));
        const reversed = items.map((i) => ({ ...i, reverse: true }));
        const original = scoreAnswers({ scoring: 'sum', items: plain }, answers);
        const ends = items.reduce((sum, i) => sum + i.min + i.max, 0);
        expect(scoreAnswers({ scoring: 'sum', items: reversed }, answers)).toBe(ends - original);
      }),
      RUNS,
    );
  });

  it('on one scale, reversing every item of a sum gives n × (min + max) minus the original', () => {
    fc.assert(
      fc.property(
        scaleArb.chain((s) =>
          fc.record({
            s: fc.constant(s),
            answers: fc.array(fc.integer({ min: s.min, max: s.max }), { minLength: 1, maxLength: 40 }),
          }),
        ),
        ({ s, answers }) => {
          const items = answers.map(() => item(s.min, s.max));
          const original = scoreAnswers({ scoring: 'sum', items }, answers);
          const reversed = scoreAnswers(
            { scoring: 'sum', items: items.map((i) => ({ ...i, reverse: true })) },
            answers,
          );
          expect(reversed).toBe(answers.length * (s.min + s.max) - original);
        },
      ),
      RUNS,
    );
  });

  it('the mean is the sum divided by the number of items, for the same answers', () => {
    fc.assert(
      fc.property(answeredArb, ({ items, answers }) => {
        const sum = scoreAnswers({ scoring: 'sum', items }, answers);
        const mean = scoreAnswers({ scoring: 'mean', items }, answers);
        expect(mean).toBe(Math.round((sum / items.length) * 100) / 100);
        expect(Math.abs(mean - sum / items.length)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
      RUNS,
    );
  });

  it('scoreRange bounds every score, and both ends are reached', () => {
    fc.assert(
      fc.property(answeredArb, fc.constantFrom('sum' as const, 'mean' as const), ({ items, answers }, scoring) => {
        const range = scoreRange({ scoring, items });
        const score = scoreAnswers({ scoring, items }, answers);
        expect(score).toBeGreaterThanOrEqual(range.min);
        expect(score).toBeLessThanOrEqual(range.max);
        // The answers that score lowest and highest: each item's end that counts least, and most, after reversing.
        const lowest = items.map((i) => (i.reverse ? i.max : i.min));
        const highest = items.map((i) => (i.reverse ? i.min : i.max));
        expect(scoreAnswers({ scoring, items }, lowest)).toBe(range.min);
        expect(scoreAnswers({ scoring, items }, highest)).toBe(range.max);
      }),
      RUNS,
    );
  });
});

describe('isConcern: a score exactly at the cut-off counts as concern, whichever the direction', () => {
  it.each([
    [{ value: 10, direction: 'above' }, 9.99, false],
    [{ value: 10, direction: 'above' }, 10, true],
    [{ value: 10, direction: 'above' }, 10.01, true],
    [{ value: 5, direction: 'below' }, 5.01, false],
    [{ value: 5, direction: 'below' }, 5, true],
    [{ value: 5, direction: 'below' }, 4.99, true],
    [{ value: 2.33, direction: 'above' }, 2.33, true],
  ] as const)('cut-off %o, score %d → %s', (cutoff, score, concern) => {
    expect(isConcern(score, cutoff)).toBe(concern);
  });

  it('ties at the cut-off are concern for both directions; anything else is on exactly one side', () => {
    fc.assert(
      fc.property(cutoffArb, scoreArb, (cutoff, score) => {
        expect(isConcern(cutoff.value, cutoff)).toBe(true);
        const flipped: Cutoff = { ...cutoff, direction: cutoff.direction === 'above' ? 'below' : 'above' };
        if (score === cutoff.value) expect(isConcern(score, flipped)).toBe(true);
        else expect(isConcern(score, cutoff)).not.toBe(isConcern(score, flipped));
      }),
      RUNS,
    );
  });
});

describe('changeSummary', () => {
  const above: Cutoff = { value: 10, direction: 'above' };
  const below: Cutoff = { value: 10, direction: 'below' };
  it.each([
    // scores, cut-off, threshold → change, reliable, worsened, in concern
    [[8, 9, 14], above, 5, 6, true, true, true],
    [[8, 13], above, 5, 5, true, true, true],
    [[8, 12.99], above, 5, 4.99, false, true, true],
    [[14, 8], above, 5, -6, true, false, false],
    [[14, 8], below, 5, -6, true, true, true],
    [[8, 8], above, 5, 0, false, null, false],
    [[8, 20], null, 5, 12, true, null, null],
    [[8, 20], above, null, 12, false, true, true],
    [[12], above, 5, 0, false, null, true],
  ] as const)('%o (%o, threshold %s)', (scores, cutoff, threshold, change, reliable, worsened, inConcern) => {
    expect(changeSummary(scores, cutoff, threshold)).toEqual({
      latest: scores.at(-1),
      first: scores[0],
      change,
      reliable,
      worsened,
      inConcern,
    });
  });

  it('has nothing to say without scores', () => {
    expect(changeSummary([], above, 5)).toEqual({
      latest: null,
      first: null,
      change: null,
      reliable: false,
      worsened: null,
      inConcern: null,
    });
  });

  it('change = latest − first; reliable iff |change| ≥ threshold; exactly at the threshold counts', () => {
    const thresholdArb = fc.integer({ min: 1, max: 5000 }).map((c) => c / 100);
    fc.assert(
      fc.property(
        fc.array(scoreArb, { minLength: 1, maxLength: 12 }),
        thresholdArb,
        cutoffArb,
        (scores, threshold, cutoff) => {
          const first = scores[0]!;
          const latest = scores.at(-1)!;
          const summary = changeSummary(scores, cutoff, threshold);
          const change = Math.round((latest - first) * 100) / 100;
          expect(summary.change).toBe(change);
          expect(summary.reliable).toBe(Math.abs(change) >= threshold);
          expect(summary.worsened).toBe(change === 0 ? null : cutoff.direction === 'above' ? change > 0 : change < 0);
          expect(summary.inConcern).toBe(isConcern(latest, cutoff));
          // The middle scores never matter: only the first and the latest.
          expect(changeSummary([first, latest], cutoff, threshold)).toEqual(summary);
        },
      ),
      RUNS,
    );
  });

  it('a change of exactly the threshold is reliable, one hundredth less is not, either way', () => {
    const thresholdArb = fc.integer({ min: 1, max: 5000 });
    fc.assert(
      fc.property(
        fc.integer({ min: -100000, max: 100000 }),
        thresholdArb,
        fc.constantFrom(1, -1),
        (firstCents, t, sign) => {
          const first = firstCents / 100;
          const threshold = t / 100;
          const exactly = (firstCents + sign * t) / 100;
          const short = (firstCents + sign * (t - 1)) / 100;
          expect(changeSummary([first, exactly], above, threshold).reliable).toBe(true);
          expect(changeSummary([first, short], above, threshold).reliable).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('without a threshold nothing is reliable', () => {
    fc.assert(
      fc.property(fc.array(scoreArb, { minLength: 1, maxLength: 5 }), (scores) => {
        expect(changeSummary(scores, above, null).reliable).toBe(false);
      }),
      RUNS,
    );
  });
});
