import type { SeriesPoint } from '#shared/schemas/dashboard.schema';
import { periodLabel, valueText, type ChartReader } from './chart-format';
import { partnerClass } from '#client/features/dashboard/partner-identity';

interface Props {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  reader: ChartReader;
  extra?: (point: SeriesPoint) => string | null;
}

/** Names the week (or month) and every partner's value, including "not logged" and "waiting for your check-in". */
export function ChartTooltip({ active, payload, reader, extra }: Props) {
  const point = payload?.[0]?.payload as SeriesPoint | undefined;
  if (!active || !point) return null;
  const more = extra?.(point);
  return (
    <div className="chart-tooltip">
      <strong>{periodLabel(point)}</strong>
      {reader.labels.names.map((name, i) => (
        <div key={i} className={partnerClass(i)}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}: {valueText(reader, point.values[i], i, point.period)}
        </div>
      ))}
      {more && <div className="muted">{more}</div>}
    </div>
  );
}
