import { describe, expect, it } from 'vitest';
import { generateHistory, seededRandom, type PersonProfile } from '#shared/domain/synthetic-history';
import { PRACTICE_IDS } from '#shared/practices';
import { weekRange } from '#shared/week';

const WEEKS = weekRange('2025-W40', '2026-W48');
const profile = (overrides: Partial<PersonProfile> = {}): PersonProfile => ({
  baseline: 6,
  skipRate: 0.1,
  start: { communication: 4, trust: 8 },
  drift: { communication: 3, patience: -1 },
  ...overrides,
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in [0, 1)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 10_000; i += 1) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
});

describe('generateHistory', () => {
  it('is deterministic for a seed', () => {
    const one = generateHistory(WEEKS, profile(), seededRandom(1234));
    const two = generateHistory(WEEKS, profile(), seededRandom(1234));
    const other = generateHistory(WEEKS, profile(), seededRandom(1235));
    expect(one).toEqual(two);
    expect(one).not.toEqual(other);
  });

  it.each([
    ['an ordinary profile', profile()],
    ['a profile far below the scale', profile({ baseline: -20, start: {}, drift: { trust: -30 } })],
    ['a profile far above the scale', profile({ baseline: 25, start: {}, drift: { empathy: 40 } })],
    ['no skips', profile({ skipRate: 0 })],
  ])('rates all ten practices with whole numbers from 1 to 10 for %s', (_label, person) => {
    for (let seed = 0; seed < 20; seed += 1) {
      for (const { ratings } of generateHistory(WEEKS, person, seededRandom(seed))) {
        expect(Object.keys(ratings).sort()).toEqual([...PRACTICE_IDS].sort());
        for (const value of Object.values(ratings)) {
          expect(Number.isInteger(value) && value >= 1 && value <= 10, String(value)).toBe(true);
        }
      }
    }
  });

  it('clamps to the ends of the scale', () => {
    const low = generateHistory(WEEKS, profile({ baseline: -20, start: {}, drift: {} }), seededRandom(3));
    const high = generateHistory(WEEKS, profile({ baseline: 30, start: {}, drift: {} }), seededRandom(3));
    expect(low.every((w) => Object.values(w.ratings).every((v) => v === 1))).toBe(true);
    expect(high.every((w) => Object.values(w.ratings).every((v) => v === 10))).toBe(true);
  });

  it('keeps every week, in order, when nothing is skipped', () => {
    const history = generateHistory(WEEKS, profile({ skipRate: 0 }), seededRandom(9));
    expect(history.map((h) => h.week)).toEqual(WEEKS);
  });

  it('leaves gaps with a skip rate, but keeps the first and last week and the order', () => {
    let skipped = 0;
    for (let seed = 0; seed < 10; seed += 1) {
      const weeks = generateHistory(WEEKS, profile({ skipRate: 0.3 }), seededRandom(seed)).map((h) => h.week);
      expect(weeks[0]).toBe(WEEKS[0]);
      expect(weeks.at(-1)).toBe(WEEKS.at(-1));
      expect(weeks).toEqual(WEEKS.filter((w) => weeks.includes(w)));
      skipped += WEEKS.length - weeks.length;
    }
    // About 30% of the inner weeks over ten seeds: far from none and far from all.
    const inner = (WEEKS.length - 2) * 10;
    expect(skipped).toBeGreaterThan(inner * 0.15);
    expect(skipped).toBeLessThan(inner * 0.45);
  });

  it('never skips more than one and a half times the expected number of weeks, whatever the luck', () => {
    for (const [rate, length] of [
      [0.12, 27],
      [0.08, 26],
      [0.3, WEEKS.length],
    ] as const) {
      let capped = 0;
      for (let seed = 0; seed < 2000; seed += 1) {
        const kept = generateHistory(WEEKS.slice(0, length), profile({ skipRate: rate }), seededRandom(seed)).length;
        const cap = Math.ceil(1.5 * length * rate);
        expect(length - kept).toBeLessThanOrEqual(cap);
        if (length - kept === cap) capped += 1;
      }
      // The cap is reached by some seeds, so it is what holds the line.
      expect(capped).toBeGreaterThan(0);
    }
  });

  it('follows the drift: a practice that grows ends higher than it starts', () => {
    const person = profile({ skipRate: 0, baseline: 5, start: { communication: 2 }, drift: { communication: 7 } });
    const history = generateHistory(WEEKS, person, seededRandom(11));
    const mean = (slice: typeof history) => slice.reduce((s, h) => s + h.ratings.communication, 0) / slice.length;
    expect(mean(history.slice(-8))).toBeGreaterThan(mean(history.slice(0, 8)) + 4);
  });
});
