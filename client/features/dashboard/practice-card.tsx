import { Link } from '@tanstack/react-router';
import type { Practice } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { NearViewport } from '#client/components/near-viewport';
import { anyHeldBack, formatRating, type ChartReader } from './charts/chart-format';
import { PracticeSparkline } from './charts/practice-sparkline';
import { heldBackText, readByPartner } from './viewer-names';

/** The latest value of each partner in words: "You 6, Sam 9", or "waiting for your check-in" when held back. */
function latestText(points: SeriesPoint[], reader: ChartReader): string {
  return reader.labels.names
    .map((name, i) => {
      const latest = [...points].reverse().find((p) => p.values[i] != null)?.values[i] ?? null;
      const text = latest === null && anyHeldBack(reader, i) ? heldBackText(reader.labels) : formatRating(latest);
      return `${name} ${text}`;
    })
    .join(', ');
}

/** One of the ten small multiples: the practice's name leads to its page. */
export function PracticeCard({
  practice,
  points,
  reader,
  bands,
  deferred,
}: {
  practice: Practice;
  points: SeriesPoint[];
  reader: ChartReader;
  bands: FocusBand[];
  /** Draw the line only as the card comes near the screen. */
  deferred: boolean;
}) {
  const whose = readByPartner(reader.labels) ? 'your' : 'their';
  return (
    <li className="card practice-card">
      <h3>
        <Link to="/practices/$practiceId" params={{ practiceId: practice.id }}>
          {practice.name}
        </Link>
      </h3>
      <p className="muted small">
        Latest: {latestText(points, reader)}
        {bands.length > 0 && (
          <span className="focus-tag">
            {' '}
            · shaded: {bands.some((b) => b.toWeek === null) ? `${whose} focus now` : `weeks it was ${whose} focus`}
          </span>
        )}
      </p>
      <NearViewport placeholderClassName="practice-sparkline" skip={!deferred}>
        <PracticeSparkline points={points} reader={reader} bands={bands} />
      </NearViewport>
    </li>
  );
}
