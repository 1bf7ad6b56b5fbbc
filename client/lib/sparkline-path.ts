/**
 * The geometry of a sparkline: a series of values drawn across a box, each in the middle of its own slot (as a bar
 * chart's band scale places them), so a series of one point sits in the middle and the first and last points never
 * touch the edges. Pure, so it is tested on its own and the component only draws what it returns.
 */
export interface SparklineBox {
  width: number;
  height: number;
  /** Room kept free on every side, for the markers. */
  pad: number;
  /** The value at the bottom and at the top of the box. */
  min: number;
  max: number;
}

export interface SparklinePoint {
  index: number;
  x: number;
  y: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Where the `index`-th of `count` slots has its middle, from left to right. */
export function slotX(index: number, count: number, box: SparklineBox): number {
  const step = (box.width - 2 * box.pad) / Math.max(count, 1);
  return round(box.pad + (index + 0.5) * step);
}

/** Where a value sits, from the bottom (`min`) to the top (`max`); values outside are held to the edge. */
export function valueY(value: number, box: SparklineBox): number {
  const clamped = Math.min(box.max, Math.max(box.min, value));
  const share = box.max === box.min ? 0.5 : (clamped - box.min) / (box.max - box.min);
  return round(box.height - box.pad - share * (box.height - 2 * box.pad));
}

/** Every value that is there, where it is drawn; a missing one (null) has no point. */
export function sparklinePoints(values: readonly (number | null)[], box: SparklineBox): SparklinePoint[] {
  return values.flatMap((value, index) =>
    value === null || !Number.isFinite(value)
      ? []
      : [{ index, x: slotX(index, values.length, box), y: valueY(value, box) }],
  );
}

/**
 * The line as an SVG path: one stroke for each run of values next to each other. A missing value breaks the line (a
 * week not logged is a gap, never bridged), and a value alone between gaps draws no stroke: its marker shows it.
 * Empty when there is no line to draw.
 */
export function sparklinePath(values: readonly (number | null)[], box: SparklineBox): string {
  const points = sparklinePoints(values, box);
  const runs: SparklinePoint[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.index === point.index - 1) run.push(point);
    else runs.push([point]);
  }
  return runs
    .filter((run) => run.length > 1)
    .map((run) => run.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(''))
    .join('');
}
