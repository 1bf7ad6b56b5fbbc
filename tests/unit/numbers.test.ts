import { describe, expect, it } from 'vitest';
import { mean, round1, round2 } from '#shared/domain/numbers';

describe('mean', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[1, 2], 1.5],
    [[0, 0, 0], 0],
    [[10, 1, 1, 4], 4],
  ])('mean(%j) = %s', (values, expected) => {
    expect(mean(values)).toBe(expected);
  });

  it('does not round', () => {
    expect(mean([1, 2, 2])).toBeCloseTo(5 / 3, 10);
  });

  it('gives the same mean for the same numbers in any order, to the last bit', () => {
    const values = [0.1, 7.3, 0.2, 5.9, 0.3, 9.7];
    const expected = mean(values);
    for (const order of [[...values].reverse(), [...values].sort((a, b) => a - b), [9.7, 0.1, 5.9, 0.3, 7.3, 0.2]]) {
      expect(mean(order)).toBe(expected);
    }
  });
});

describe('round1 and round2', () => {
  const round = { round1, round2 };
  it.each<[keyof typeof round, number, number]>([
    ['round1', 5, 5],
    ['round1', 5.25, 5.3],
    ['round1', 5.24, 5.2],
    ['round1', 5 / 3, 1.7],
    ['round1', 9.96, 10],
    ['round2', 5, 5],
    ['round2', 2.344, 2.34],
    ['round2', 2.346, 2.35],
    ['round2', 0.1 + 0.2, 0.3],
  ])('%s(%s) = %s', (name, value, expected) => {
    expect(round[name](value)).toBe(expected);
  });
});
