import { PRACTICES } from '#shared/practices';
import type { WheelPartner } from '#shared/schemas/dashboard.schema';
import { lowerFirst } from '#shared/wording';
import { NearViewport } from '#client/components/near-viewport';
import { weekLabel } from '#client/lib/weeks';
import { eachOf, heldBackText, readByPartner } from '#client/features/dashboard/viewer-names';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { ChartFrame } from './chart-frame';
import { anyHeldBack, type ChartReader } from './chart-format';
import { PracticeRowsTable } from './data-tables';
import { later, NOT_YET_ON_PAPER } from './chart-later';

/** The wheels themselves, with Recharts: fetched apart from the page, while their boxes hold the place. */
const { Later: Plot, preload: preloadWheelPlot } = later(() => import('./wheel-plot').then((m) => m.WheelPlot), {
  notYetOnPaper: NOT_YET_ON_PAPER,
});
export { preloadWheelPlot };

/**
 * The coaching wheel: each partner's latest ten ratings over their own first ones in the range. `deferred` where it
 * sits below the fold: each wheel is drawn only as it comes near the screen (a printed report draws it at once).
 */
export function WheelChart({
  wheel,
  reader,
  deferred = false,
}: {
  wheel: WheelPartner[];
  reader: ChartReader;
  deferred?: boolean;
}) {
  const own = readByPartner(reader.labels) ? 'your own' : 'their own';
  return (
    <ChartFrame
      title="The wheel"
      description={`${eachOf(reader.labels)} now (filled) against ${own} first check-in in this range (outline). Growth shows as the shape widening.`}
      table={<WheelTable wheel={wheel} reader={reader} />}
    >
      <div className="wheel-grid">
        {wheel.map((partner, i) => (
          <PartnerWheel key={i} partner={partner} reader={reader} slot={i} deferred={deferred} />
        ))}
      </div>
    </ChartFrame>
  );
}

function PartnerWheel({
  partner,
  reader,
  slot,
  deferred,
}: {
  partner: WheelPartner;
  reader: ChartReader;
  slot: number;
  deferred: boolean;
}) {
  const name = reader.labels.names[slot]!;
  if (!partner.latest) {
    const waiting = anyHeldBack(reader, slot);
    return (
      <figure className="wheel">
        <figcaption className={partnerClass(slot)}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}
        </figcaption>
        <p className="muted small">
          {waiting ? `This week's check-in is ${heldBackText(reader.labels)}.` : 'No check-ins in this range yet.'}
        </p>
      </figure>
    );
  }
  const data = PRACTICES.map((p) => ({
    name: p.shortName,
    now: partner.latest!.ratings[p.id],
    earlier: partner.earlier?.ratings[p.id] ?? null,
  }));
  return (
    <figure className="wheel">
      <figcaption className={partnerClass(slot)}>
        <span className="partner-swatch" aria-hidden="true" />
        {name}: {lowerFirst(weekLabel(partner.latest.week))}
        {partner.earlier && <span className="muted"> against {lowerFirst(weekLabel(partner.earlier.week))}</span>}
      </figcaption>
      <div
        className="chart-box chart-box-wheel"
        role="img"
        aria-label={`Radar chart of ${name}'s ten ratings, now and earlier; the numbers are in the table view.`}
      >
        <NearViewport placeholderClassName="chart-box-fill" skip={!deferred}>
          <Plot data={data} slot={slot} hasEarlier={partner.earlier !== null} />
        </NearViewport>
      </div>
    </figure>
  );
}

function WheelTable({ wheel, reader }: { wheel: WheelPartner[]; reader: ChartReader }) {
  return (
    <PracticeRowsTable
      names={reader.labels.names}
      header={(name) => `${name}: earlier → now`}
      caption="Each practice, first check-in in this period and the latest"
      cell={(practiceId, slot) => {
        const partner = wheel[slot];
        if (!partner?.latest) return anyHeldBack(reader, slot) ? heldBackText(reader.labels) : 'not logged';
        return `${partner.earlier ? `${partner.earlier.ratings[practiceId]} → ` : ''}${partner.latest.ratings[practiceId]}`;
      }}
    />
  );
}
