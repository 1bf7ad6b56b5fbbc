import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConnectionPoint, FocusBand } from '#shared/schemas/dashboard.schema';
import { formatRating, monthTicks, spansYears, tickLabel, type ChartReader } from './chart-format';
import { meanName } from './chart-legend';
import { focusBandAreas } from './focus-band-areas';
import { ChartTooltip } from './chart-tooltip';
import { PARTNER_DASH, partnerActiveDot, partnerDot, useChartColors } from './use-chart-colors';

const Y_TICKS = [1, 4, 7, 10];

export interface ConnectionProps {
  points: ConnectionPoint[];
  reader: ChartReader;
  monthly: boolean;
  /** Every focus period in the range, each labelled with its practice. */
  bands: FocusBand[];
}

/** The connection chart's lines, trend and mean, drawn inside the box `ConnectionChart` sizes. */
export function ConnectionPlot({ points, reader, monthly, bands }: ConnectionProps) {
  const colors = useChartColors();
  const { labels } = reader;
  const { names } = labels;
  const years = spansYears(points);
  return (
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
  );
}
