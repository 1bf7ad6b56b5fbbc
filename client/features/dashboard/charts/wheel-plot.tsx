import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from 'recharts';
import { PARTNER_DASH, useChartColors } from './use-chart-colors';

export interface WheelPlotProps {
  data: { name: string; now: number; earlier: number | null }[];
  /** The partner's slot: their colour and line style. */
  slot: number;
  hasEarlier: boolean;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: string;
  payload?: { value?: unknown };
}

/**
 * A practice's name around the wheel, on two lines when it has two words ("Shared / moments"), so no name is cut at
 * the edge of a phone's screen.
 */
function WheelTick({ x, y, textAnchor, payload, fill }: TickProps & { fill: string }) {
  const name = payload?.value;
  const words = (typeof name === 'string' ? name : '').split(' ');
  const cx = Number(x ?? 0);
  const cy = Number(y ?? 0);
  // Two lines sit around the point the axis gives, as one line does.
  const firstDy = words.length > 1 ? '-0.25em' : '0.35em';
  return (
    <text x={cx} y={cy} textAnchor={textAnchor as 'start' | 'middle' | 'end' | undefined} fill={fill} fontSize={11}>
      {words.map((word, i) => (
        <tspan key={i} x={cx} dy={i === 0 ? firstDy : '1.15em'}>
          {word}
        </tspan>
      ))}
    </text>
  );
}

/** One partner's wheel, now over earlier, drawn inside the box `WheelChart` sizes. */
export function WheelPlot({ data, slot, hasEarlier }: WheelPlotProps) {
  const colors = useChartColors();
  const color = colors.partners[slot] ?? colors.mean;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <RadarChart
        accessibilityLayer={false}
        data={data}
        outerRadius="68%"
        margin={{ top: 12, right: 28, bottom: 12, left: 28 }}
      >
        <PolarGrid stroke={colors.grid} />
        <PolarAngleAxis dataKey="name" tick={(props: TickProps) => <WheelTick {...props} fill={colors.text} />} />
        <PolarRadiusAxis domain={[0, 10]} tickCount={3} tick={false} axisLine={false} />
        {hasEarlier && (
          <Radar
            dataKey="earlier"
            name="Earlier"
            stroke={color}
            strokeDasharray="3 3"
            fill="none"
            isAnimationActive={false}
          />
        )}
        <Radar
          dataKey="now"
          name="Now"
          stroke={color}
          strokeDasharray={PARTNER_DASH[slot]}
          fill={color}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
      </RadarChart>
    </ResponsiveContainer>
  );
}
