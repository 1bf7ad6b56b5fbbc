import type { HistoryDto, WeekStatusDto } from '../../../shared/schemas/assessment.schema';
import { connectionIndex } from '../../../shared/domain/connection-index';
import type { Week } from '../../../shared/week';
import { PartnerWeekTable } from './partner-week-table';

interface Props {
  history: HistoryDto;
  status: WeekStatusDto;
  viewerId: string;
  limit?: number;
}

/** The last few weeks, both partners side by side: the mean of each one's ten ratings. */
export function RecentCheckIns({ history, status, viewerId, limit = 8 }: Props) {
  const cell = (partner: HistoryDto['partners'][number], _index: number, week: Week) => {
    const entry = partner.entries.find((e) => e.week === week);
    if (entry) return connectionIndex(entry.ratings).toFixed(1);
    const pending = week === status.week && status.partners.find((p) => p.userId === partner.userId)?.submitted;
    return <span className="muted">{pending ? 'checked in, hidden for now' : 'not logged'}</span>;
  };
  const hasEntries = history.partners.some((p) => p.entries.length > 0);

  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent check-ins</h2>
      {hasEntries ? (
        <PartnerWeekTable history={history} viewerId={viewerId} limit={limit} caption="Average of the ten ratings, per week and partner" cell={cell} />
      ) : (
        <p className="muted">No check-ins yet. The first one takes about two minutes, and this is where your weeks will add up.</p>
      )}
      <p className="muted small">Each number is the average of that week's ten ratings, from 1 to 10.</p>
    </section>
  );
}
