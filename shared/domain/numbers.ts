// Averaging and rounding, the same for every rule that shows or compares a number.

/**
 * Null for no values: an average of nothing is missing, not 0. Sums in sorted order, so that the same numbers in any
 * order give the same floating-point mean.
 */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
}

/** One decimal, as ratings and averages are shown. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Two decimals: enough to show a score, and it absorbs the last-bit noise that could split a threshold. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
