import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { SideBySideRow } from '#shared/schemas/dashboard.schema';
import { countWord, points, practiceLabel } from '#shared/wording';
import { gapsToTalkAbout, LEAD_GAPS } from './gaps';
import { ownRatings, type PartnerLabels } from './viewer-names';

/**
 * Where the two of you rate yourselves most differently right now, as a gentle prompt: the one or two largest gaps
 * and a way to start talking, never the whole list (a first week together can hold many gaps at once).
 */
export function GapsCard({ rows, labels }: { rows: SideBySideRow[]; labels: PartnerLabels }) {
  const gaps = gapsToTalkAbout(rows);
  const lead = gaps.slice(0, LEAD_GAPS);
  const more = gaps.length - lead.length;
  const comparable = rows.every((row) => row.difference !== null);
  return (
    <section className="card" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">Two perspectives</h2>
      {!comparable ? (
        <p className="muted">
          Once you have both checked in during this period, the practices you rate yourselves most differently on will
          show here.
        </p>
      ) : lead.length === 0 ? (
        <p className="muted">
          In your latest check-ins your own ratings are within two points of each other on every practice. Differences,
          when they come, are a good place to start talking.
        </p>
      ) : (
        <>
          <p>Where your own ratings differ most:</p>
          <ul className="gap-list">
            {lead.map((row) => (
              <li key={row.practiceId}>
                <Link to="/practices/$practiceId" params={{ practiceId: row.practiceId }}>
                  <strong>{PRACTICES_BY_ID[row.practiceId].name}</strong>
                </Link>
                <span className="gap-numbers">
                  {ownRatings(
                    labels,
                    row.partners.map((p) => p.latest),
                  )}{' '}
                  <span className="muted">({points(row.difference ?? 0)} apart)</span>
                </span>
              </li>
            ))}
          </ul>
          <p className="conversation-starter">
            <strong>A way to start:</strong> ask each other, “What made you choose your number for{' '}
            {practiceLabel(lead[0]!.practiceId)}?” Listen for what the other noticed; neither number is the right one.
          </p>
          {more > 0 && (
            <p className="muted small">
              {more === 1
                ? 'One more practice is'
                : `${countWord(more).replace(/^./, (c) => c.toUpperCase())} more practices are`}{' '}
              three or more points apart. Side by side, below, shows every practice; there is no need to take them all
              at once.
            </p>
          )}
        </>
      )}
    </section>
  );
}
