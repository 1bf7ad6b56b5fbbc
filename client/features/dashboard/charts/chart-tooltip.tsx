import type { SeriesPoint } from '#shared/schemas/dashboard.schema';
import { formatRating, periodLabel } from './chart-format';

interface Props {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  names: readonly string[];
  extra?: (point: SeriesPoint) => string | null;
}

/** Names the week (or month) and every partner's value, including "not logged". */
export function ChartTooltip({ active, payload, names, extra }: Props) {
  const point = payload?.[0]?.payload as SeriesPoint | undefined;
  if (!active || !point) return null;
  const more = extra?.(point);
  return (
    <div className="chart-tooltip">
      <strong>{periodLabel(point)}</strong>
      {names.map((name, i) => (
        <div key={i} className={i === 0 ? 'partner-a' : 'partner-b'}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}: {formatRating(point.values[i])}
        </div>
      ))}
      {more && <div className="muted">{more}</div>}
    </div>
  );
}
