import { useId, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  description?: ReactNode;
  /** The same data as a table: the text alternative, reachable by keyboard. */
  table: ReactNode;
  children: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
}

/** A chart with its title, a short reading guide, and a toggle to the same numbers as a table. */
export function ChartFrame({ title, description, table, children, headingLevel = 2, className }: Props) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`card chart-card ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <div className="chart-header">
        <Heading id={`${id}-title`}>{title}</Heading>
        <button type="button" className="link-button" onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {description && <div className="muted small chart-description">{description}</div>}
      {asTable ? (
        // A long table scrolls within its box (up and down only; no column is ever out of sight sideways), so the box
        // takes the keyboard focus that scrolling it needs.
        <div className="chart-table" tabIndex={0} role="group" aria-label={`${title}: the numbers`}>
          {table}
        </div>
      ) : (
        children
      )}
    </section>
  );
}
