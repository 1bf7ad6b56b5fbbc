import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConnectionPoint, FocusBand } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { bothOf, readByPartner, type PartnerLabels } from '#client/features/dashboard/viewer-names';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { ChartFrame } from './chart-frame';
import { formatRating, monthTicks, spansYears, tickLabel, valueText, type ChartReader } from './chart-format';
import { SeriesTable, type Column } from './data-tables';
import { focusBandAreas, focusColumn, FocusLegend } from './focus-bands';
import { ChartTooltip } from './chart-tooltip';
import { PARTNER_DASH, partnerActiveDot, partnerDot, useChartColors } from './use-chart-colors';

interface Props {
  points: ConnectionPoint[];
  reader: ChartReader;
  monthly: boolean;
  /** Every focus period in the range, each labelled with its practice. */
  bands: FocusBand[];
}

const Y_TICKS = [1, 4, 7, 10];

/** "the mean of you both" to a partner, "the mean of Alex and Blake" to a coach. */
const meanName = (labels: PartnerLabels) => `mean of ${bothOf(labels)}`;

/** Each partner's weekly connection index (the mean of their ten ratings), its trend, and the couple's mean. */
export function ConnectionChart({ points, reader, monthly, bands }: Props) {
  const colors = useChartColors();
  const { labels } = reader;
  const { names } = labels;
  const years = spansYears(points);
  const whose = readByPartner(labels) ? 'a focus you adopted' : 'a focus they adopted';
  const shading = bands.length > 0 ? ` Shaded stretches are the weeks of ${whose}.` : '';
  const each = readByPartner(labels) ? 'each of you' : `each of ${listNames(names)}`;
  const description =
    (monthly
      ? `Monthly averages of ${each}. Gaps are months nobody logged.`
      : `Thin lines with markers (a circle and a square) are the weeks as logged, thick lines the 4-week trend, grey dots the ${meanName(labels)}. Gaps are weeks not logged.`) +
    shading;

  return (
    <ChartFrame
      title="Connection over time"
      description={description}
      table={<ConnectionTable points={points} reader={reader} monthly={monthly} bands={bands} />}
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
              // A week nobody shows a number for still names itself: "not logged", or "waiting for your check-in".
              filterNull={false}
              content={({ active, payload }) => (
                <ChartTooltip
                  active={active}
                  payload={payload}
                  reader={reader}
                  extra={(p) =>
                    (p as ConnectionPoint).coupleMean != null
                      ? `The ${meanName(labels)}: ${formatRating((p as ConnectionPoint).coupleMean)}`
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
                dot={partnerDot(i, colors, 3)}
                activeDot={partnerActiveDot(i, colors)}
                isAnimationActive={false}
              />
            ))}
            {names.length > 1 && (
              <Line
                dataKey="coupleMean"
                name={meanName(labels)}
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
      <ChartLegend labels={labels} showTrend={!monthly} showMean={names.length > 1} />
      <FocusLegend bands={bands} />
    </ChartFrame>
  );
}

/** Each partner with their colour, line style and marker; the trend and the mean when the chart draws them. */
export function ChartLegend({
  labels,
  showTrend,
  showMean,
}: {
  labels: PartnerLabels;
  showTrend?: boolean;
  showMean?: boolean;
}) {
  return (
    <ul className="chart-legend">
      {labels.names.map((name, i) => (
        <li key={i} className={partnerClass(i)}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}
        </li>
      ))}
      {showTrend && <li className="muted">thick line: 4-week trend</li>}
      {showMean && (
        <li className="muted">
          <span className="mean-swatch" aria-hidden="true" /> {meanName(labels)}
        </li>
      )}
    </ul>
  );
}

function ConnectionTable({ points, reader, monthly, bands }: Props) {
  const { names } = reader.labels;
  const columns: Column<ConnectionPoint>[] = [
    ...names.map((name, i) => ({
      header: name,
      slot: i,
      cell: (p: ConnectionPoint) => valueText(reader, p.values[i], i, p.period),
    })),
    ...(monthly
      ? []
      : names.map((name, i) => ({
          header: `${name}, trend`,
          slot: i,
          cell: (p: ConnectionPoint) => formatRating(p.trend[i]),
        }))),
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
