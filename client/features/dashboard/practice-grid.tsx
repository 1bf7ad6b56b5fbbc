import { PRACTICES_BY_ID, type PracticeId } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { ChartFrame } from './charts/chart-frame';
import { formatRating } from './charts/chart-format';
import { ChartLegend } from './charts/connection-chart';
import { PracticeRowsTable } from './charts/data-tables';
import { PracticeCard } from './charts/practice-chart';

interface Props {
  practices: { practiceId: PracticeId; points: SeriesPoint[] }[];
  names: string[];
  bands: FocusBand[];
}

const firstLogged = (points: SeriesPoint[], slot: number) =>
  points.find((p) => p.values[slot] != null)?.values[slot] ?? null;
const lastLogged = (points: SeriesPoint[], slot: number) =>
  [...points].reverse().find((p) => p.values[slot] != null)?.values[slot] ?? null;

/** The ten practices as small multiples, in the catalogue's order, each leading to its own page. */
export function PracticeGrid({ practices, names, bands }: Props) {
  return (
    <ChartFrame
      title="The ten practices"
      description="Each practice on its own chart, for both of you. Open one to see what it is and things to try."
      table={<PracticeSummaryTable practices={practices} names={names} bands={bands} />}
    >
      <ChartLegend names={names} />
      <ul className="practice-grid">
        {practices.map(({ practiceId, points }) => (
          <PracticeCard
            key={practiceId}
            practice={PRACTICES_BY_ID[practiceId]}
            points={points}
            names={names}
            bands={bands.filter((band) => band.practiceId === practiceId)}
          />
        ))}
      </ul>
    </ChartFrame>
  );
}

function PracticeSummaryTable({ practices, names }: Props) {
  const pointsOf = (practiceId: PracticeId) => practices.find((p) => p.practiceId === practiceId)?.points ?? [];
  return (
    <PracticeRowsTable
      names={names}
      header={(name) => `${name}: first → latest`}
      caption="Each practice: first rating in this period, then the latest"
      cell={(practiceId, slot) =>
        `${formatRating(firstLogged(pointsOf(practiceId), slot))} → ${formatRating(lastLogged(pointsOf(practiceId), slot))}`
      }
    />
  );
}
