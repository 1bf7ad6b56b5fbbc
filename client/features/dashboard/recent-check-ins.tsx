import type { HistoryDto, WeekStatusDto } from '../../../shared/schemas/assessment.schema';
import { connectionIndex } from '../../../shared/domain/connection-index';
import { compareWeeks, type Week } from '../../../shared/week';
import { relativeWeekLabel } from '../../lib/weeks';
import { PartnerName } from './partner-identity';

interface Props {
  history: HistoryDto;
  status: WeekStatusDto;
  viewerId: string;
  limit?: number;
}

/** The last few weeks, both partners side by side: the mean of each one's ten ratings. */
export function RecentCheckIns({ history, status, viewerId, limit = 8 }: Props) {
  const weeks = [...new Set(history.partners.flatMap((p) => p.entries.map((e) => e.week)))]
    .sort((a, b) => compareWeeks(b, a))
    .slice(0, limit);

  const cell = (partnerIndex: number, week: Week) => {
    const partner = history.partners[partnerIndex]!;
    const entry = partner.entries.find((e) => e.week === week);
    if (entry) return <>{connectionIndex(entry.ratings).toFixed(1)}</>;
    const pending = week === status.week && status.partners.find((p) => p.userId === partner.userId)?.submitted;
    return <span className="muted">{pending ? 'checked in, hidden for now' : 'not logged'}</span>;
  };

  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent check-ins</h2>
      {weeks.length === 0 ? (
        <p className="muted">
          No check-ins yet. The first one takes about two minutes, and this is where your weeks will add up.
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Average of the ten ratings, per week and partner</caption>
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
                  {history.partners.map((p, index) => (
                    <td className="num" key={p.userId}>
                      {cell(index, week)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Each number is the average of that week's ten ratings, from 1 to 10.</p>
    </section>
  );
}
