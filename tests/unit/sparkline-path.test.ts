import { describe, expect, it } from 'vitest';
import { slotX, sparklinePath, sparklinePoints, valueY, type SparklineBox } from '#client/lib/sparkline-path';

// 100 wide, 10 rows of 10 between the pads: easy numbers to read.
const box: SparklineBox = { width: 104, height: 104, pad: 2, min: 0, max: 10 };

describe('sparkline geometry', () => {
  it('places each value in the middle of its slot, and the scale from bottom to top', () => {
    expect([0, 1, 3].map((i) => slotX(i, 4, box))).toEqual([14.5, 39.5, 89.5]);
    expect(slotX(0, 1, box)).toBe(52);
    expect(valueY(0, box)).toBe(102);
    expect(valueY(10, box)).toBe(2);
    expect(valueY(5, box)).toBe(52);
    // Out of range is held to the edge rather than drawn outside the box.
    expect(valueY(12, box)).toBe(2);
    expect(valueY(-1, box)).toBe(102);
  });

  it('draws one unbroken line through values next to each other', () => {
    expect(sparklinePath([0, 10, 5, 5], box)).toBe('M14.5 102L39.5 2L64.5 52L89.5 52');
  });

  it('breaks the line at a missing value and never bridges the gap', () => {
    const path = sparklinePath([0, 10, null, 5, 5], box);
    expect(path).toBe('M12 102L32 2M72 52L92 52');
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('draws no stroke for a value alone between gaps, but keeps its point for a marker', () => {
    const values = [null, 4, null, 6, 7];
    expect(sparklinePath(values, box)).toBe('M72 42L92 32');
    expect(sparklinePoints(values, box)).toEqual([
      { index: 1, x: 32, y: 62 },
      { index: 3, x: 72, y: 42 },
      { index: 4, x: 92, y: 32 },
    ]);
  });

  it('draws nothing for a series with nothing logged, or none at all', () => {
    expect(sparklinePath([null, null], box)).toBe('');
    expect(sparklinePoints([null, null], box)).toEqual([]);
    expect(sparklinePath([], box)).toBe('');
  });
});
