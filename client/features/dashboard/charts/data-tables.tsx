import type { ReactNode } from 'react';
import { PRACTICES, type PracticeId } from '#shared/practices';
import type { SeriesPoint } from '#shared/schemas/dashboard.schema';
import { periodLabel } from './chart-format';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A chart's points as a table, newest first: the text alternative every time series offers. */
export function SeriesTable<T extends SeriesPoint>({
  points,
  columns,
  caption,
}: {
  points: T[];
  columns: Column<T>[];
  caption: string;
}) {
  return (
    <table>
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
        {[...points].reverse().map((p) => (
          <tr key={p.period}>
            <th scope="row">{periodLabel(p)}</th>
            {columns.map((c, i) => (
              <td className="num" key={i}>
                {c.cell(p)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
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
    <table>
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
            {names.map((_, slot) => (
              <td className="num" key={slot}>
                {cell(p.id, slot)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
