import { Link } from '@tanstack/react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Practice } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { formatRating, monthTicks, spansYears, tickLabel } from './chart-format';
import { SeriesTable } from './data-tables';
import { focusBandAreas, focusColumn } from './focus-bands';
import { ChartTooltip } from './chart-tooltip';
import { PARTNER_DASH, useChartColors } from './use-chart-colors';

interface Props {
  points: SeriesPoint[];
  names: string[];
  size: 'small' | 'large';
  /** The periods this practice was the couple's focus. */
  bands?: FocusBand[];
}

/** Both partners' ratings of one practice over time. Small on the dashboard, large on the practice's page. */
export function PracticeLines({ points, names, size, bands = [] }: Props) {
  const colors = useChartColors();
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
            content={({ active, payload }) => <ChartTooltip active={active} payload={payload} names={names} />}
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
              dot={{ r: small ? 1.5 : 2.5, strokeDasharray: '' }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One of the ten small multiples: the practice's name leads to its page. */
export function PracticeCard({
  practice,
  points,
  names,
  bands,
}: {
  practice: Practice;
  points: SeriesPoint[];
  names: string[];
  bands: FocusBand[];
}) {
  const latest = names.map((_, i) => [...points].reverse().find((p) => p.values[i] != null)?.values[i] ?? null);
  return (
    <li className="card practice-card">
      <h3>
        <Link to="/practices/$practiceId" params={{ practiceId: practice.id }}>
          {practice.name}
        </Link>
      </h3>
      <p className="muted small">
        Latest: {names.map((name, i) => `${name} ${formatRating(latest[i])}`).join(', ')}
        {bands.length > 0 && (
          <span className="focus-tag">
            {' '}
            · shaded: {bands.some((b) => b.toWeek === null) ? 'your focus now' : 'weeks it was your focus'}
          </span>
        )}
      </p>
      <PracticeLines points={points} names={names} size="small" bands={bands} />
    </li>
  );
}

export function PracticeTable({
  points,
  names,
  bands = [],
}: {
  points: SeriesPoint[];
  names: string[];
  bands?: FocusBand[];
}) {
  const columns = [
    ...names.map((name, i) => ({ header: name, cell: (p: SeriesPoint) => formatRating(p.values[i]) })),
    ...focusColumn(bands, points),
  ];
  return <SeriesTable points={points} columns={columns} caption="Ratings of this practice, newest first" />;
}
