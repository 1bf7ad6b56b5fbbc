import type { PracticeId } from '../../../shared/practices';
import type { HistoryDto } from '../../../shared/schemas/assessment.schema';
import { compareWeeks } from '../../../shared/week';
import { relativeWeekLabel } from '../../lib/weeks';
import { PartnerName } from '../dashboard/partner-identity';

const SHOWN_WEEKS = 12;

/** Both partners' ratings of one practice, newest week first. */
export function PracticeHistoryTable({ history, practiceId, viewerId }: { history: HistoryDto; practiceId: PracticeId; viewerId: string }) {
  const weeks = [...new Set(history.partners.flatMap((p) => p.entries.map((e) => e.week)))]
    .sort((a, b) => compareWeeks(b, a))
    .slice(0, SHOWN_WEEKS);
  if (weeks.length === 0) return <p className="muted">No check-ins yet. Your ratings of this practice will show here.</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Week</th>
            {history.partners.map((p, index) => (
              <th scope="col" className="num" key={p.userId}>
                <PartnerName index={index} name={p.userId === viewerId ? 'You' : p.displayName} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week}>
              <th scope="row">{relativeWeekLabel(week)}</th>
              {history.partners.map((p) => {
                const rating = p.entries.find((e) => e.week === week)?.ratings[practiceId];
                return (
                  <td className="num" key={p.userId}>
                    {rating ?? <span className="muted">not logged</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
