import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConnectionPoint, FocusBand } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { ChartFrame } from './chart-frame';
import { formatRating, monthTicks, spansYears, tickLabel } from './chart-format';
import { SeriesTable, type Column } from './data-tables';
import { focusBandAreas, focusColumn, FocusLegend } from './focus-bands';
import { ChartTooltip } from './chart-tooltip';
import { PARTNER_DASH, useChartColors } from './use-chart-colors';

interface Props {
  points: ConnectionPoint[];
  names: string[];
  monthly: boolean;
  /** Every focus period in the range, each labelled with its practice. */
  bands: FocusBand[];
}

const Y_TICKS = [1, 4, 7, 10];

/** Each partner's weekly connection index (the mean of their ten ratings), its trend, and the couple's mean. */
export function ConnectionChart({ points, names, monthly, bands }: Props) {
  const colors = useChartColors();
  const years = spansYears(points);
  const shading = bands.length > 0 ? ' Shaded stretches are the weeks of a focus you adopted.' : '';
  const description =
    (monthly
      ? 'Monthly averages of each of you. Gaps are months nobody logged.'
      : 'Thin lines with dots are the weeks as logged, thick lines the 4-week trend, grey dots the mean of the two of you. Gaps are weeks not logged.') +
    shading;

  return (
    <ChartFrame
      title="Connection over time"
      description={description}
      table={<ConnectionTable points={points} names={names} monthly={monthly} bands={bands} />}
    >
      <div
        className="chart-box chart-box-large"
        role="img"
        aria-label={`Line chart of the connection index for ${listNames(names)}; the numbers are in the table view.`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 12, bottom: 4, left: -20 }}>
            <CartesianGrid stroke={colors.grid} vertical={false} />
            <XAxis
              dataKey="start"
              scale="band"
              ticks={monthTicks(points)}
              tickFormatter={(d: string) => tickLabel(d, years)}
              stroke={colors.text}
              tick={{ fill: colors.text, fontSize: 12 }}
            />
            <YAxis domain={[1, 10]} ticks={Y_TICKS} stroke={colors.text} tick={{ fill: colors.text, fontSize: 12 }} />
            <Tooltip
              content={({ active, payload }) => (
                <ChartTooltip
                  active={active}
                  payload={payload}
                  names={names}
                  extra={(p) =>
                    (p as ConnectionPoint).coupleMean != null
                      ? `Mean of you both: ${formatRating((p as ConnectionPoint).coupleMean)}`
                      : null
                  }
                />
              )}
            />
            {focusBandAreas(bands, points, colors, true)}
            {names.map((name, i) =>
              monthly ? null : (
                <Line
                  key={`trend-${i}`}
                  dataKey={(p: ConnectionPoint) => p.trend[i]}
                  name={`${name}, 4-week trend`}
                  stroke={colors.partners[i]}
                  strokeOpacity={0.45}
                  strokeWidth={4}
                  strokeDasharray={PARTNER_DASH[i]}
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                />
              ),
            )}
            {names.map((name, i) => (
              <Line
                key={`line-${i}`}
                dataKey={(p: ConnectionPoint) => p.values[i]}
                name={name}
                stroke={colors.partners[i]}
                strokeWidth={1.5}
                strokeDasharray={PARTNER_DASH[i]}
                dot={{ r: 2.5, strokeDasharray: '' }}
                isAnimationActive={false}
              />
            ))}
            {names.length > 1 && (
              <Line
                dataKey="coupleMean"
                name="Mean of you both"
                stroke={colors.mean}
                strokeWidth={0}
                dot={{ r: 2, fill: colors.mean, strokeWidth: 0 }}
                activeDot={false}
                isAnimationActive={false}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend names={names} showTrend={!monthly} showMean={names.length > 1} />
      <FocusLegend bands={bands} />
    </ChartFrame>
  );
}

export function ChartLegend({
  names,
  showTrend,
  showMean,
}: {
  names: string[];
  showTrend?: boolean;
  showMean?: boolean;
}) {
  return (
    <ul className="chart-legend">
      {names.map((name, i) => (
        <li key={i} className={i === 0 ? 'partner-a' : 'partner-b'}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}
        </li>
      ))}
      {showTrend && <li className="muted">thick line: 4-week trend</li>}
      {showMean && (
        <li className="muted">
          <span className="mean-swatch" aria-hidden="true" /> mean of you both
        </li>
      )}
    </ul>
  );
}

function ConnectionTable({ points, names, monthly, bands }: Props) {
  const columns: Column<ConnectionPoint>[] = [
    ...names.map((name, i) => ({ header: name, cell: (p: ConnectionPoint) => formatRating(p.values[i]) })),
    ...(monthly
      ? []
      : names.map((name, i) => ({ header: `${name}, trend`, cell: (p: ConnectionPoint) => formatRating(p.trend[i]) }))),
    ...(names.length > 1 ? [{ header: 'Mean', cell: (p: ConnectionPoint) => formatRating(p.coupleMean) }] : []),
    ...focusColumn(bands, points),
  ];
  return (
    <SeriesTable
      points={points}
      columns={columns}
      caption={`Connection index per ${monthly ? 'month' : 'week'}, newest first`}
    />
  );
}
