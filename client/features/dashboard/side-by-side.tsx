import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { SideBySideRow } from '#shared/schemas/dashboard.schema';
import { points } from '#shared/wording';
import type { Week } from '#shared/week';
import { weekLabel } from '#client/lib/weeks';
import { anyHeldBack, type ChartReader } from './charts/chart-format';
import { LabelledCell } from './charts/data-tables';
import { gapsToTalkAbout, LEAD_GAPS } from './gaps';
import { PartnerName, partnerClass } from './partner-identity';
import { heldBackText, lateChangeText, readByPartner, type PartnerLabels } from './viewer-names';

function describeChange(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return 'same as 4 weeks before';
  return `${change > 0 ? '+' : '−'}${Math.abs(change)} in 4 weeks`;
}

/**
 * Two perspectives on each practice, the latest self-rating of each, and where they differ enough to talk about. A
 * table on a wide screen; on a phone one card per practice with both partners' numbers side by side inside it
 * (`.stack-table`), so neither partner's column is ever scrolled out of sight. Only the largest differences are
 * highlighted, as the card of gaps leads with them.
 */
export function SideBySide({
  rows,
  reader,
  changedLate,
}: {
  rows: SideBySideRow[];
  reader: ChartReader;
  changedLate: (Week | null)[];
}) {
  const { labels } = reader;
  const { names } = labels;
  const lead = new Set(
    gapsToTalkAbout(rows)
      .slice(0, LEAD_GAPS)
      .map((row) => row.practiceId),
  );
  const intro = readByPartner(labels)
    ? 'How each of you rated yourself most recently. A gap is not a score to settle: each number is how one of you saw your own week, and the difference is a good start for a conversation.'
    : 'How each of them rated themselves most recently. A gap is not a score to settle: each number is how one of them saw their own week.';
  return (
    <section className="card" aria-labelledby="side-heading">
      <h2 id="side-heading">Side by side</h2>
      <p className="muted small">{intro}</p>
      <table className="side-by-side stack-table">
        <caption className="visually-hidden">Each practice: the latest self-rating of {names.join(' and ')}</caption>
        <thead>
          <tr>
            <th scope="col">Practice</th>
            {names.map((name, i) => (
              <th scope="col" className="num" key={i}>
                <PartnerName index={i} name={name} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.practiceId} className={lead.has(row.practiceId) ? 'row-highlight' : undefined}>
              <th scope="row">
                <Link to="/practices/$practiceId" params={{ practiceId: row.practiceId }}>
                  {PRACTICES_BY_ID[row.practiceId].name}
                </Link>
                {row.worthAConversation && row.difference !== null && (
                  <span className="conversation-note">
                    {points(row.difference)} apart{lead.has(row.practiceId) ? ': worth a conversation' : ''}
                  </span>
                )}
              </th>
              {row.partners.map((p, i) => (
                <LabelledCell key={i} label={names[i] ?? ''} className={`num ${partnerClass(i)}`}>
                  {p.latest !== null ? (
                    <span className="rating-value">{p.latest}</span>
                  ) : anyHeldBack(reader, i) ? (
                    <span className="held-back">{heldBackText(labels)}</span>
                  ) : (
                    <>
                      <span className="rating-value" aria-hidden="true">
                        –
                      </span>
                      <span className="visually-hidden">not logged</span>
                    </>
                  )}
                  {p.change !== null && <span className="change muted">{describeChange(p.change)}</span>}
                </LabelledCell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {changedLate.map((week, slot) => week && <LateChangeNote key={slot} week={week} slot={slot} labels={labels} />)}
    </section>
  );
}

/** Said plainly, without blame: answers changed after both could see each other's were not given blind. */
function LateChangeNote({ week, slot, labels }: { week: Week; slot: number; labels: PartnerLabels }) {
  return (
    <p className="notice late-change small">{lateChangeText(labels, slot, weekLabel(week).replace(/^Week/, 'week'))}</p>
  );
}
