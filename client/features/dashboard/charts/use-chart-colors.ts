import { useEffect, useState } from 'react';

export interface ChartColors {
  partners: [string, string];
  mean: string;
  grid: string;
  text: string;
  surface: string;
  highlight: string;
  /** Focus bands: the accent, drawn faint behind the lines. */
  band: string;
}

/**
 * SVG attributes cannot read CSS custom properties, so the charts take the design tokens' current values and
 * follow the system's light or dark setting as it changes.
 */
export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(readColors);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColors(readColors());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return colors;
}

function readColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    partners: [token('--partner-a'), token('--partner-b')],
    mean: token('--couple-mean'),
    grid: token('--border'),
    text: token('--text-muted'),
    surface: token('--surface'),
    highlight: token('--highlight'),
    band: token('--accent'),
  };
}

/** Partner slot 0 draws solid, slot 1 dashed: told apart without colour. */
export const PARTNER_DASH = [undefined, '6 4'] as const;

/**
 * Each partner's marker, so that a single point (a week with no line to either side) is told apart without colour
 * too: slot 0 a circle, slot 1 a square, as in the legends. Solid, in the partner's colour; never dashed.
 */
export function partnerDot(slot: number, colors: ChartColors, r: number) {
  const dot = { r, fill: colors.partners[slot] ?? colors.mean, strokeDasharray: '' };
  return slot === 0 ? dot : { ...dot, symbol: 'square' as const };
}

/** The same marker, larger, for the point under the pointer. */
export function partnerActiveDot(slot: number, colors: ChartColors) {
  const dot = { r: 5, fill: colors.partners[slot] ?? colors.mean, stroke: colors.surface, strokeWidth: 2 };
  return slot === 0 ? dot : { ...dot, symbol: 'square' as const };
}
