import type { ReactNode } from 'react';
import { PRACTICES, type PracticeId } from '#shared/practices';
import type { SeriesPoint } from '#shared/schemas/dashboard.schema';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { periodLabel } from './chart-format';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The partner the column belongs to, marked with their colour and line style where the table becomes cards. */
  slot?: number;
}

/**
 * A data cell that also carries its column's name, shown only where the table is laid out as one card per row (on a
 * phone, see `.stack-table`): there the header row is out of sight, and every column stays on screen rather than in a
 * box that scrolls sideways. The name is drawn by the stylesheet, so the cell's text is its value alone.
 */
export function LabelledCell({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <td className={className ?? 'num'} data-label={label}>
      {children}
    </td>
  );
}

/**
 * Rows of periods as a table, newest first, one column per `columns`: the text alternative every time series offers.
 * On a phone each period becomes a card (see `.stack-table`).
 */
export function PeriodTable<T extends { period: string }>({
  rows,
  columns,
  caption,
  rowHeader,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  caption: string;
  /** What names a row's period, in its first cell. */
  rowHeader: (row: T) => ReactNode;
}) {
  return (
    <table className="stack-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          {columns.map((c, i) => (
            <th scope="col" className="num" key={i}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((row) => (
          <tr key={row.period}>
            <th scope="row">{rowHeader(row)}</th>
            {columns.map((c, i) => (
              <LabelledCell
                key={i}
                label={c.header}
                className={c.slot === undefined ? 'num' : `num ${partnerClass(c.slot)}`}
              >
                {c.cell(row)}
              </LabelledCell>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart's points as a table, newest first, each period named as the charts name it. */
export function SeriesTable<T extends SeriesPoint>({
  points,
  columns,
  caption,
}: {
  points: T[];
  columns: Column<T>[];
  caption: string;
}) {
  return <PeriodTable rows={points} columns={columns} caption={caption} rowHeader={periodLabel} />;
}

/** One row per practice, in the catalogue's order, one column per partner. */
export function PracticeRowsTable({
  names,
  header,
  caption,
  cell,
}: {
  names: string[];
  header: (name: string) => string;
  caption: string;
  cell: (practiceId: PracticeId, slot: number) => ReactNode;
}) {
  return (
    <table className="stack-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Practice</th>
          {names.map((name, slot) => (
            <th scope="col" className="num" key={slot}>
              {header(name)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {PRACTICES.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            {names.map((name, slot) => (
              <LabelledCell key={slot} label={header(name)} className={`num ${partnerClass(slot)}`}>
                {cell(p.id, slot)}
              </LabelledCell>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
