import { Link } from '@tanstack/react-router';
import { PRACTICES } from '../../../shared/practices';
import type { HistoryDto } from '../../../shared/schemas/assessment.schema';
import { compareWeeks } from '../../../shared/week';
import { weekLabel } from '../../lib/weeks';
import { PartnerName } from './partner-identity';

/** A gap this large is worth talking about: two perspectives, not a score. */
const CONVERSATION_GAP = 3;

/** The newest week both partners can see, practice by practice. */
export function LatestSideBySide({ history, viewerId }: { history: HistoryDto; viewerId: string }) {
  if (history.partners.length < 2) return null;
  const [first, second] = history.partners as [HistoryDto['partners'][number], HistoryDto['partners'][number]];
  const shared = first.entries
    .map((e) => e.week)
    .filter((week) => second.entries.some((e) => e.week === week))
    .sort(compareWeeks)
    .at(-1);
  if (!shared) return null;
  const a = first.entries.find((e) => e.week === shared)!.ratings;
  const b = second.entries.find((e) => e.week === shared)!.ratings;
  const name = (p: typeof first) => (p.userId === viewerId ? 'You' : p.displayName);

  return (
    <section className="card" aria-labelledby="side-heading">
      <h2 id="side-heading">Side by side</h2>
      <p className="muted small">
        {weekLabel(shared)}: how each of you saw your own week. Differences are something to talk about, not to win.
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Practice</th>
              <th scope="col" className="num">
                <PartnerName index={0} name={name(first)} />
              </th>
              <th scope="col" className="num">
                <PartnerName index={1} name={name(second)} />
              </th>
            </tr>
          </thead>
          <tbody>
            {PRACTICES.map((practice) => {
              const gap = Math.abs(a[practice.id] - b[practice.id]);
              return (
                <tr key={practice.id} className={gap >= CONVERSATION_GAP ? 'row-highlight' : undefined}>
                  <th scope="row">
                    <Link to="/practices/$practiceId" params={{ practiceId: practice.id }}>
                      {practice.name}
                    </Link>
                    {gap >= CONVERSATION_GAP && <span className="small muted"> · {gap} points apart, worth a conversation</span>}
                  </th>
                  <td className="num">{a[practice.id]}</td>
                  <td className="num">{b[practice.id]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
