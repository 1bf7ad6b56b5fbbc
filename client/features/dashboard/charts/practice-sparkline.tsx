import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { slotX, sparklinePath, sparklinePoints, valueY, type SparklineBox } from '#client/lib/sparkline-path';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { monthTicks, spansYears, tickLabel, type ChartReader } from './chart-format';
import { bandSpan } from './focus-bands';

/** The drawing's own units; the SVG scales to its card's width and keeps these proportions (see `.practice-sparkline`). */
const WIDTH = 300;
const HEIGHT = 100;
/** Room on the left for the scale's "10" and "1", and at the bottom for the months. */
const LEFT = 20;
const BOTTOM = 16;
const PLOT: SparklineBox = { width: WIDTH - LEFT, height: HEIGHT - BOTTOM, pad: 5, min: 1, max: 10 };
/** Past this many points the markers shrink, so a long monthly history stays a line rather than a row of beads. */
const CROWDED = 26;

/**
 * One practice's ratings, both partners', as a plain SVG line: the small multiple on the dashboard, light enough that
 * ten of them cost little to draw. Each partner keeps their colour, line style (solid or dashed) and marker (a circle
 * or a square) as on every chart and legend; a week not logged is a gap; the weeks the practice was the focus are
 * shaded. The numbers are in the table view, as the label says.
 */
export function PracticeSparkline({
  points,
  reader,
  bands,
}: {
  points: readonly SeriesPoint[];
  reader: ChartReader;
  bands: readonly FocusBand[];
}) {
  const { names } = reader.labels;
  const count = points.length;
  const step = (PLOT.width - 2 * PLOT.pad) / Math.max(count, 1);
  const years = spansYears(points);
  const ticks = monthTicks(points, 3).map((start) => points.findIndex((p) => p.start === start));
  const marker = count > CROWDED ? 1.6 : 2.6;
  return (
    <svg
      className="practice-sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Line chart of ${listNames(names)} over time; the numbers are in the table view.`}
    >
      <g className="practice-sparkline-scale" aria-hidden="true">
        {[10, 1].map((value) => (
          <text key={value} x={LEFT - 6} y={valueY(value, PLOT) + 3.5} textAnchor="end">
            {value}
          </text>
        ))}
        {ticks.map((index) => (
          <text key={index} x={LEFT + slotX(index, count, PLOT)} y={HEIGHT - 3} textAnchor="middle">
            {tickLabel(points[index]!.start, years)}
          </text>
        ))}
      </g>
      <g transform={`translate(${LEFT} 0)`}>
        {bands.map((band, i) => {
          const span = bandSpan(band, points);
          if (!span) return null;
          const x = slotX(span[0], count, PLOT) - step / 2;
          return (
            <rect
              key={i}
              className="focus-band"
              x={x}
              width={slotX(span[1], count, PLOT) + step / 2 - x}
              y={PLOT.pad}
              height={PLOT.height - 2 * PLOT.pad}
            />
          );
        })}
        {[10, 1].map((value) => (
          <line
            key={value}
            className="practice-sparkline-guide"
            x1={0}
            x2={PLOT.width}
            y1={valueY(value, PLOT)}
            y2={valueY(value, PLOT)}
          />
        ))}
        {names.map((_, slot) => {
          const values = points.map((p) => p.values[slot] ?? null);
          return (
            <g key={slot} className={`practice-sparkline-partner ${partnerClass(slot)}`}>
              <path d={sparklinePath(values, PLOT)} />
              {sparklinePoints(values, PLOT).map(({ index, x, y }) =>
                slot === 0 ? (
                  <circle key={index} cx={x} cy={y} r={marker} />
                ) : (
                  <rect key={index} x={x - marker} y={y - marker} width={2 * marker} height={2 * marker} />
                ),
              )}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
