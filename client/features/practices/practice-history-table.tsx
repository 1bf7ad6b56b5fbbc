import type { PracticeId } from '../../../shared/practices';
import type { HistoryDto } from '../../../shared/schemas/assessment.schema';
import { PartnerWeekTable } from '../dashboard/partner-week-table';

const SHOWN_WEEKS = 12;

/** Both partners' ratings of one practice, newest week first. */
export function PracticeHistoryTable({ history, practiceId, viewerId }: { history: HistoryDto; practiceId: PracticeId; viewerId: string }) {
  if (!history.partners.some((p) => p.entries.length > 0)) {
    return <p className="muted">No check-ins yet. Your ratings of this practice will show here.</p>;
  }
  return (
    <PartnerWeekTable
      history={history}
      viewerId={viewerId}
      limit={SHOWN_WEEKS}
      caption="Ratings of this practice, per week and partner"
      cell={(partner, _index, week) =>
        partner.entries.find((e) => e.week === week)?.ratings[practiceId] ?? <span className="muted">not logged</span>
      }
    />
  );
}
