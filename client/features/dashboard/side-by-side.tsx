import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { SideBySideRow } from '#shared/schemas/dashboard.schema';
import { PartnerName } from './partner-identity';
import type { Week } from '#shared/week';
import { weekLabel } from '#client/lib/weeks';
import { lateChangeText, twoPerspectives, type PartnerLabels } from './viewer-names';

function describeChange(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return 'same as 4 weeks before';
  return `${change > 0 ? '+' : '−'}${Math.abs(change)} in 4 weeks`;
}

/** Two perspectives on each practice, the latest of each, and where they differ enough to talk about. */
export function SideBySide({
  rows,
  labels,
  changedLate,
}: {
  rows: SideBySideRow[];
  labels: PartnerLabels;
  changedLate: (Week | null)[];
}) {
  const { names } = labels;
  return (
    <section className="card" aria-labelledby="side-heading">
      <h2 id="side-heading">Side by side</h2>
      <p className="muted small">
        How each of you rated yourself most recently. A gap is not a score to settle: it is a view of the same week from
        two places, and a good start for a conversation.
      </p>
      <div className="table-scroll">
        <table className="side-by-side">
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
              <tr key={row.practiceId} className={row.worthAConversation ? 'row-highlight' : undefined}>
                <th scope="row">
                  <Link to="/practices/$practiceId" params={{ practiceId: row.practiceId }}>
                    {PRACTICES_BY_ID[row.practiceId].name}
                  </Link>
                  {row.worthAConversation && (
                    <span className="conversation-note">{twoPerspectives(labels, row)}: worth a conversation</span>
                  )}
                </th>
                {row.partners.map((p, i) => (
                  <td className="num" key={i}>
                    <span className="rating-value">{p.latest ?? '–'}</span>
                    {p.change !== null && <span className="change muted">{describeChange(p.change)}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
