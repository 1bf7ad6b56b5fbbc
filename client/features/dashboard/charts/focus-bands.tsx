import type { ReactElement } from 'react';
import { ReferenceArea } from 'recharts';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { lowerFirst } from '#shared/wording';
import { bandLabel } from '#client/features/focus/focus-text';
import type { Column } from './data-tables';
import type { ChartColors } from './use-chart-colors';

/** Which points a band covers, by position on the chart; null when its periods are not on it. */
function bandSpan(band: FocusBand, points: readonly SeriesPoint[]): [number, number] | null {
  const from = points.findIndex((p) => p.period === band.fromPeriod);
  const to = points.findIndex((p) => p.period === band.toPeriod);
  return from < 0 || to < 0 ? null : [from, to];
}

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

/** The table's "Focus" column: the practice(s) that were the focus in each period, so bands are not colour alone. */
export function focusColumn<T extends SeriesPoint>(bands: readonly FocusBand[], points: readonly T[]): Column<T>[] {
  if (bands.length === 0) return [];
  const spans = bands.map((band) => ({ band, span: bandSpan(band, points) }));
  return [
    {
      header: 'Focus',
      cell: (point: T) => {
        const index = points.indexOf(point);
        const names = spans
          .filter(({ span }) => span && index >= span[0] && index <= span[1])
          .map(({ band }) => PRACTICES_BY_ID[band.practiceId].shortName);
        return names.length > 0 ? names.join(', ') : '—';
      },
    },
  ];
}

/** The legend's words for the shading: which practice, and which weeks. */
export function FocusLegend({ bands, single }: { bands: readonly FocusBand[]; single?: boolean }) {
  if (bands.length === 0) return null;
  return (
    <ul className="chart-legend focus-legend">
      {bands.map((band, i) => (
        <li key={i}>
          <span className="band-swatch" aria-hidden="true" />
          {single ? 'Your focus: ' : `Focus on ${PRACTICES_BY_ID[band.practiceId].shortName.toLowerCase()}: `}
          {lowerFirst(bandLabel(band))}
        </li>
      ))}
    </ul>
  );
}
