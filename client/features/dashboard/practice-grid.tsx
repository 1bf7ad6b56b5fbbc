import { PRACTICES_BY_ID, type PracticeId } from '#shared/practices';
import type { FocusBand, SeriesPoint } from '#shared/schemas/dashboard.schema';
import { ChartFrame } from './charts/chart-frame';
import { anyHeldBack, formatRating, type ChartReader } from './charts/chart-format';
import { ChartLegend } from './charts/chart-legend';
import { PracticeRowsTable } from './charts/data-tables';
import { PracticeCard } from './practice-card';
import { heldBackText, readByPartner } from './viewer-names';

interface Props {
  practices: { practiceId: PracticeId; points: SeriesPoint[] }[];
  reader: ChartReader;
  bands: FocusBand[];
  /** Below the fold: each card's line is drawn as it comes near the screen. */
  deferred?: boolean;
}

const firstLogged = (points: SeriesPoint[], slot: number) =>
  points.find((p) => p.values[slot] != null)?.values[slot] ?? null;
const lastLogged = (points: SeriesPoint[], slot: number) =>
  [...points].reverse().find((p) => p.values[slot] != null)?.values[slot] ?? null;

/** The ten practices as small multiples, in the catalogue's order, each leading to its own page. */
export function PracticeGrid({ practices, reader, bands, deferred = false }: Props) {
  const forWhom = readByPartner(reader.labels) ? 'for both of you' : 'for both of them';
  const tries = readByPartner(reader.labels) ? ' Open one to see what it is and things to try.' : '';
  return (
    <ChartFrame
      title="The ten practices"
      description={`Each practice on its own chart, ${forWhom}.${tries}`}
      table={<PracticeSummaryTable practices={practices} reader={reader} bands={bands} />}
    >
      <ChartLegend labels={reader.labels} />
      <ul className="practice-grid">
        {practices.map(({ practiceId, points }) => (
          <PracticeCard
            key={practiceId}
            practice={PRACTICES_BY_ID[practiceId]}
            points={points}
            reader={reader}
            bands={bands.filter((band) => band.practiceId === practiceId)}
            deferred={deferred}
          />
        ))}
      </ul>
    </ChartFrame>
  );
}

function PracticeSummaryTable({ practices, reader }: Props) {
  const pointsOf = (practiceId: PracticeId) => practices.find((p) => p.practiceId === practiceId)?.points ?? [];
  return (
    <PracticeRowsTable
      names={reader.labels.names}
      header={(name) => `${name}: first → latest`}
      caption="Each practice: first rating in this period, then the latest"
      cell={(practiceId, slot) => {
        const points = pointsOf(practiceId);
        const last = lastLogged(points, slot);
        if (last === null && anyHeldBack(reader, slot)) return heldBackText(reader.labels);
        return `${formatRating(firstLogged(points, slot))} → ${formatRating(last)}`;
      }}
    />
  );
}
