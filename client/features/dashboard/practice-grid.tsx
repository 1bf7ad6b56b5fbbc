import { PRACTICES_BY_ID, type PracticeId } from '../../../shared/practices';
import type { SeriesPoint } from '../../../shared/schemas/dashboard.schema';
import { ChartFrame } from './charts/chart-frame';
import { formatRating } from './charts/chart-format';
import { ChartLegend } from './charts/connection-chart';
import { PracticeCard } from './charts/practice-chart';

interface Props {
  practices: { practiceId: PracticeId; points: SeriesPoint[] }[];
  names: string[];
}

const firstLogged = (points: SeriesPoint[], slot: number) => points.find((p) => p.values[slot] != null)?.values[slot] ?? null;
const lastLogged = (points: SeriesPoint[], slot: number) => [...points].reverse().find((p) => p.values[slot] != null)?.values[slot] ?? null;

/** The ten practices as small multiples, in the catalogue's order, each leading to its own page. */
export function PracticeGrid({ practices, names }: Props) {
  return (
    <ChartFrame
      title="The ten practices"
      description="Each practice on its own chart, for both of you. Open one to see what it is and things to try."
      table={<PracticeSummaryTable practices={practices} names={names} />}
    >
      <ChartLegend names={names} />
      <ul className="practice-grid">
        {practices.map(({ practiceId, points }) => (
          <PracticeCard key={practiceId} practice={PRACTICES_BY_ID[practiceId]} points={points} names={names} />
        ))}
      </ul>
    </ChartFrame>
  );
}

function PracticeSummaryTable({ practices, names }: Props) {
  return (
    <table>
      <caption className="visually-hidden">Each practice: first rating in this period, then the latest</caption>
      <thead>
        <tr>
          <th scope="col">Practice</th>
          {names.map((name) => (
            <th scope="col" className="num" key={name}>
              {name}: first → latest
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {practices.map(({ practiceId, points }) => (
          <tr key={practiceId}>
            <th scope="row">{PRACTICES_BY_ID[practiceId].name}</th>
            {names.map((name, i) => (
              <td className="num" key={name}>
                {formatRating(firstLogged(points, i))} → {formatRating(lastLogged(points, i))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
