import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { listNames } from '#shared/wording';
import { PeriodTable, type Column } from '#client/features/dashboard/charts/data-tables';
import {
  PARTNER_DASH,
  partnerActiveDot,
  partnerDot,
  useChartColors,
} from '#client/features/dashboard/charts/use-chart-colors';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import type { PartnerLabels } from '#client/features/dashboard/viewer-names';
import { formatScore, periodRangeText, periodShortText, type MeasureRow } from './partner-measure-format';

interface Props {
  rows: MeasureRow[];
  labels: PartnerLabels;
  range: { min: number; max: number };
  everyWeeks: number;
}

/** A partner's cell in words: the score, or why there is none. Never a comparison with the other. */
export function scoreCellText(row: MeasureRow, slot: number, labels: PartnerLabels): string {
  const value = row.values[slot];
  if (value == null) return row.skipped[slot] ? 'skipped' : 'no score';
  if (!row.changed[slot]) return formatScore(value);
  const both = labels.viewerSlot >= 0 ? 'you had both' : 'both had';
  return `${formatScore(value)} (changed after ${both} answered)`;
}

/**
 * Both partners' scores over the periods, as two perspectives: one colour, line style and marker each, as on every
 * chart. A period without a score is a gap, never a zero. The couple's chart draws no cut-off: what a score means for
 * them is for their coach to talk through, not for a line to judge.
 */
export function CoupleMeasureChart({ rows, labels, range, everyWeeks }: Props) {
  const colors = useChartColors();
  const mid = Math.round((range.min + range.max) / 2);
  return (
    <div
      className="chart-box couple-measure-chart-box"
      role="img"
      aria-label={`Line chart of ${listNames(labels.names)}'s scores over time; the numbers are in the table view.`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 12, bottom: 4, left: -20 }}>
          <CartesianGrid stroke={colors.grid} vertical={false} />
          <XAxis
            dataKey="period"
            tickFormatter={periodShortText}
            interval="preserveStartEnd"
            minTickGap={24}
            stroke={colors.text}
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <YAxis
            domain={[range.min, range.max]}
            ticks={mid > range.min && mid < range.max ? [range.min, mid, range.max] : [range.min, range.max]}
            allowDecimals={false}
            stroke={colors.text}
            tick={{ fill: colors.text, fontSize: 12 }}
          />
          <Tooltip
            content={({ active, payload }) => {
              const row = payload?.[0]?.payload as MeasureRow | undefined;
              if (!active || !row) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{periodRangeText(row.period, everyWeeks)}</strong>
                  {labels.names.map((name, slot) => (
                    <div key={slot} className={partnerClass(slot)}>
                      <span className="partner-swatch" aria-hidden="true" />
                      <bdi>{name}</bdi>: {scoreCellText(row, slot, labels)}
                    </div>
                  ))}
                </div>
              );
            }}
          />
          {labels.names.map((name, slot) => (
            <Line
              key={slot}
              dataKey={(row: MeasureRow) => row.values[slot]}
              name={name}
              stroke={colors.partners[slot]}
              strokeWidth={2}
              strokeDasharray={PARTNER_DASH[slot]}
              dot={partnerDot(slot, colors, 3)}
              activeDot={partnerActiveDot(slot, colors)}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The same scores as a table, newest period first; on a phone each period becomes a card (see `.stack-table`). */
export function CoupleMeasureTable({ rows, labels, everyWeeks, caption }: Omit<Props, 'range'> & { caption: string }) {
  const columns: Column<MeasureRow>[] = labels.names.map((_, slot) => ({
    header: slot === labels.viewerSlot ? 'Your score' : `${labels.names[slot] ?? ''}'s score`,
    slot,
    cell: (row) => scoreCellText(row, slot, labels),
  }));
  return (
    <PeriodTable
      rows={rows}
      columns={columns}
      caption={caption}
      rowHeader={(row) => periodRangeText(row.period, everyWeeks)}
    />
  );
}
