import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MeasureResultsDto } from '#shared/schemas/measure.schema';
import { formatNumber, listNames } from '#shared/wording';
import { ChartFrame } from '#client/features/dashboard/charts/chart-frame';
import {
  PARTNER_DASH,
  partnerActiveDot,
  partnerDot,
  useChartColors,
} from '#client/features/dashboard/charts/use-chart-colors';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { concernBand, measurePoints, periodTicks, scoreTicks, type MeasurePoint } from './measure-chart-data';
import { MeasureTable, periodName, scoreCell } from './measure-table';
import { cutoffText, everyText } from './measure-wording';

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const tickLabel = (isoDay: string) => dayMonth.format(new Date(`${isoDay}T00:00:00Z`));

interface Props {
  results: MeasureResultsDto;
  /** The item answers under the table: the coach's view; the printed report leaves them out. */
  withItems?: boolean;
  headingLevel?: 2 | 3;
}

/**
 * Both partners' scores over the periods: two lines told apart by colour, line style and marker, the cut-off as a
 * labelled line, and the side of concern shaded from it to the end of the scale. Presentational: the points come
 * from `measurePoints`.
 */
export function MeasureChart({ results, withItems = true, headingLevel = 3 }: Props) {
  const colors = useChartColors();
  const points = measurePoints(results);
  const names = results.partners.map((p) => p.displayName);
  const { scoreRange } = results.measure;
  const band = concernBand(results);
  const cutoff = results.cutoff;
  const answered = points.filter((p) => p.scores.some((s) => s !== null)).length;
  const description = `${results.measure.scoring === 'sum' ? 'Sum' : 'Mean'} of the answers, ${everyText(results.everyWeeks)}; scores from ${formatNumber(scoreRange.min)} to ${formatNumber(scoreRange.max)}.${cutoff ? ` ${cutoffText(cutoff)}: the shaded side.` : ''} Gaps are periods without a score.`;

  return (
    <ChartFrame
      title="Scores over time"
      className="measure-chart"
      headingLevel={headingLevel}
      description={description}
      table={<MeasureTable results={results} points={points} withItems={withItems} />}
    >
      <div className="chart-box chart-box-large" role="img" aria-label={chartSummary(results, points, answered)}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={points} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={colors.grid} vertical={false} />
            {band && (
              <ReferenceArea
                y1={band.y1}
                y2={band.y2}
                fill={colors.highlight}
                fillOpacity={0.9}
                stroke="none"
                ifOverflow="hidden"
              />
            )}
            <XAxis
              dataKey="start"
              ticks={periodTicks(points)}
              tickFormatter={tickLabel}
              stroke={colors.text}
              tick={{ fill: colors.text, fontSize: 12 }}
              padding={{ left: 12, right: 12 }}
            />
            <YAxis
              domain={[scoreRange.min, scoreRange.max]}
              ticks={scoreTicks(scoreRange)}
              width={40}
              stroke={colors.text}
              tick={{ fill: colors.text, fontSize: 12 }}
            />
            {cutoff && (
              <ReferenceLine
                y={cutoff.value}
                stroke={colors.text}
                strokeWidth={1.5}
                strokeDasharray="2 3"
                ifOverflow="hidden"
                label={{
                  value: `Cut-off ${formatNumber(cutoff.value)}`,
                  position: 'insideTopRight',
                  fill: colors.text,
                  fontSize: 12,
                }}
              />
            )}
            <Tooltip
              filterNull={false}
              content={({ active, payload }) => (
                <MeasureTooltip
                  active={active}
                  point={payload?.[0]?.payload as MeasurePoint | undefined}
                  names={names}
                />
              )}
            />
            {names.map((name, i) => (
              <Line
                key={i}
                dataKey={(p: MeasurePoint) => p.scores[i]}
                name={name}
                stroke={colors.partners[i] ?? colors.mean}
                strokeWidth={2}
                strokeDasharray={PARTNER_DASH[i]}
                dot={partnerDot(i, colors, 4)}
                activeDot={partnerActiveDot(i, colors)}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend">
        {names.map((name, i) => (
          <li key={i} className={partnerClass(i)}>
            <span className="partner-swatch" aria-hidden="true" />
            <bdi>{name}</bdi>
          </li>
        ))}
        {cutoff && (
          <li className="muted">
            <span className="cutoff-swatch" aria-hidden="true" />
            cut-off, {formatNumber(cutoff.value)}
          </li>
        )}
        {band && (
          <li className="muted">
            <span className="concern-swatch" aria-hidden="true" />
            side of concern
          </li>
        )}
      </ul>
    </ChartFrame>
  );
}

function chartSummary(results: MeasureResultsDto, points: MeasurePoint[], answered: number): string {
  const names = results.partners.map((p) => p.displayName);
  const head = `Line chart of ${results.measure.name} scores for ${listNames(names)}, ${points.length} ${points.length === 1 ? 'period' : 'periods'}, ${answered} with a score`;
  const latest = results.partners
    .map((p) =>
      p.summary.latest === null ? null : `${p.displayName}'s latest score: ${formatNumber(p.summary.latest)}`,
    )
    .filter((text) => text !== null);
  const cutoff = results.cutoff ? `; cut-off ${formatNumber(results.cutoff.value)}` : '';
  return `${head}${cutoff}${latest.length > 0 ? `. ${latest.join('; ')}` : ''}. Every number is in the table view.`;
}

function MeasureTooltip({ active, point, names }: { active?: boolean; point?: MeasurePoint; names: string[] }) {
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <strong>{periodName(point.period)}</strong>
      {names.map((name, i) => (
        <div key={i} className={partnerClass(i)}>
          <span className="partner-swatch" aria-hidden="true" />
          <bdi>{name}</bdi>: {scoreCell(point, i)}
        </div>
      ))}
    </div>
  );
}
