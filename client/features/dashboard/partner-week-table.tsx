import type { ReactNode } from 'react';
import type { HistoryDto } from '../../../shared/schemas/assessment.schema';
import { compareWeeks, type Week } from '../../../shared/week';
import { relativeWeekLabel } from '../../lib/weeks';
import { PartnerName } from './partner-identity';

type HistoryPartner = HistoryDto['partners'][number];

interface Props {
  history: HistoryDto;
  viewerId: string;
  /** How many of the newest weeks to show. */
  limit: number;
  caption: string;
  cell: (partner: HistoryPartner, partnerIndex: number, week: Week) => ReactNode;
}

/** Newest weeks first, one column per partner: the shape every "both of you, week by week" table shares. */
export function PartnerWeekTable({ history, viewerId, limit, caption, cell }: Props) {
  const weeks = [...new Set(history.partners.flatMap((p) => p.entries.map((e) => e.week)))]
    .sort((a, b) => compareWeeks(b, a))
    .slice(0, limit);
  if (weeks.length === 0) return null;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
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
                  {cell(p, index, week)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
