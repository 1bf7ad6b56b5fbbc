import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { monthTicks, spansYears, tickLabel, valueText, type ChartReader } from './chart-format';
import { SeriesTable } from './data-tables';
import { focusBandAreas } from './focus-band-areas';
import { focusColumn } from './focus-bands';
import { ChartTooltip } from './chart-tooltip';
import { PARTNER_DASH, partnerActiveDot, partnerDot, useChartColors } from './use-chart-colors';

interface Props {
  points: SeriesPoint[];
  reader: ChartReader;
  size: 'small' | 'large';
  /** The periods this practice was the couple's focus. */
  bands?: FocusBand[];
}

/** Both partners' ratings of one practice over time. Small on the dashboard, large on the practice's page. */
export function PracticeLines({ points, reader, size, bands = [] }: Props) {
  const colors = useChartColors();
  const { names } = reader.labels;
  const small = size === 'small';
  const years = spansYears(points);
  return (
    <div
      className={`chart-box ${small ? 'chart-box-small' : 'chart-box-large'}`}
      role="img"
      aria-label={`Line chart of ${listNames(names)} over time; the numbers are in the table view.`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          accessibilityLayer={false}
          data={points}
          margin={small ? { top: 4, right: 4, bottom: 0, left: -34 } : { top: 8, right: 12, bottom: 4, left: -20 }}
        >
          <CartesianGrid stroke={colors.grid} vertical={false} />
          <XAxis
            dataKey="start"
            scale="band"
            ticks={monthTicks(points, small ? 3 : 6)}
            tickFormatter={(d: string) => tickLabel(d, years)}
            stroke={colors.text}
            tick={{ fill: colors.text, fontSize: small ? 10 : 12 }}
          />
          <YAxis
            domain={[1, 10]}
            ticks={small ? [1, 10] : [1, 4, 7, 10]}
            stroke={colors.text}
            tick={{ fill: colors.text, fontSize: small ? 10 : 12 }}
          />
          <Tooltip
            // A week nobody shows a number for still names itself: "not logged", or "waiting for your check-in".
            filterNull={false}
            content={({ active, payload }) => <ChartTooltip active={active} payload={payload} reader={reader} />}
          />
          {focusBandAreas(bands, points, colors, false)}
          {names.map((name, i) => (
            <Line
              key={i}
              dataKey={(p: SeriesPoint) => p.values[i]}
              name={name}
              stroke={colors.partners[i]}
              strokeWidth={small ? 1.5 : 2}
              strokeDasharray={PARTNER_DASH[i]}
              dot={partnerDot(i, colors, small ? 2.2 : 3)}
              activeDot={partnerActiveDot(i, colors)}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function PracticeTable({
  points,
  reader,
  bands = [],
}: {
  points: SeriesPoint[];
  reader: ChartReader;
  bands?: FocusBand[];
}) {
  const columns = [
    ...reader.labels.names.map((name, i) => ({
      header: name,
      slot: i,
      cell: (p: SeriesPoint) => valueText(reader, p.values[i], i, p.period),
    })),
    ...focusColumn(bands, points),
  ];
  return <SeriesTable points={points} columns={columns} caption="Ratings of this practice, newest first" />;
}
