import { PRACTICES_BY_ID } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { lowerFirst } from '#shared/wording';
import { bandLabel } from '#client/features/focus/focus-text';
import type { Column } from './data-tables';

/** Which points a band covers, by position on the chart; null when its periods are not on it. */
export function bandSpan(band: FocusBand, points: readonly SeriesPoint[]): [number, number] | null {
  const from = points.findIndex((p) => p.period === band.fromPeriod);
  const to = points.findIndex((p) => p.period === band.toPeriod);
  return from < 0 || to < 0 ? null : [from, to];
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
