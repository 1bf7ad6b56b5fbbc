import type { ConnectionPoint } from '#shared/schemas/dashboard.schema';
import { listNames } from '#shared/wording';
import { NearViewport } from '#client/components/near-viewport';
import { readByPartner } from '#client/features/dashboard/viewer-names';
import { ChartFrame } from './chart-frame';
import { formatRating, valueText } from './chart-format';
import { ChartLegend, meanName } from './chart-legend';
import { later, NOT_YET_ON_PAPER } from './chart-later';
import type { ConnectionProps } from './connection-plot';
import { SeriesTable, type Column } from './data-tables';
import { focusColumn, FocusLegend } from './focus-bands';

interface ChartProps extends ConnectionProps {
  /** Drawn only as it comes near the screen, where it lies below the fold. */
  deferred?: boolean;
}

/** The lines themselves, with Recharts: fetched after the page's words, while the box holds their place. */
const { Later: Plot, preload: preloadConnectionPlot } = later(
  () => import('./connection-plot').then((m) => m.ConnectionPlot),
  { notYetOnPaper: NOT_YET_ON_PAPER },
);
export { preloadConnectionPlot };

/** Kept here too for the pages that import the legend from the chart. */
export { ChartLegend };

/** Each partner's weekly connection index (the mean of their ten ratings), its trend, and the couple's mean. */
export function ConnectionChart({ points, reader, monthly, bands, deferred = false }: ChartProps) {
  const { labels } = reader;
  const { names } = labels;
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
        <NearViewport placeholderClassName="chart-box-fill" skip={!deferred}>
          <Plot points={points} reader={reader} monthly={monthly} bands={bands} />
        </NearViewport>
      </div>
      <ChartLegend labels={labels} showTrend={!monthly} showMean={names.length > 1} />
      <FocusLegend bands={bands} />
    </ChartFrame>
  );
}

function ConnectionTable({ points, reader, monthly, bands }: ConnectionProps) {
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
