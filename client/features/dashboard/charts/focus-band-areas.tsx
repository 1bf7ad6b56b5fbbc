import type { ReactElement } from 'react';
import { ReferenceArea } from 'recharts';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { bandSpan } from './focus-bands';
import type { ChartColors } from './use-chart-colors';

/** A label needs room: on a band narrower than this many points it would be cut off, and the legend names it. */
const LABEL_MIN_POINTS = 3;

/**
 * Soft shaded bands behind the lines for the weeks (or months) a practice was the couple's focus. A function,
 * not a component: Recharts finds its reference areas among the chart's direct children.
 */
export function focusBandAreas(
  bands: readonly FocusBand[],
  points: readonly SeriesPoint[],
  colors: ChartColors,
  labelled: boolean,
): ReactElement[] {
  return bands.flatMap((band, i) => {
    const span = bandSpan(band, points);
    if (!span) return [];
    return [
      <ReferenceArea
        key={`focus-${i}`}
        className="focus-band"
        x1={points[span[0]]!.start}
        x2={points[span[1]]!.start}
        fill={colors.band}
        fillOpacity={0.16}
        stroke="none"
        ifOverflow="hidden"
        label={
          labelled && span[1] - span[0] + 1 >= LABEL_MIN_POINTS
            ? {
                value: PRACTICES_BY_ID[band.practiceId].shortName,
                position: 'insideTopLeft',
                fill: colors.text,
                fontSize: 11,
              }
            : undefined
        }
      />,
    ];
  });
}
