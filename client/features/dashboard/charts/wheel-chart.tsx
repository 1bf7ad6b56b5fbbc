import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from 'recharts';
import { PRACTICES } from '#shared/practices';
import type { WheelPartner } from '#shared/schemas/dashboard.schema';
import { lowerFirst } from '#shared/wording';
import { weekLabel } from '#client/lib/weeks';
import { eachOf, heldBackText, readByPartner } from '#client/features/dashboard/viewer-names';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { ChartFrame } from './chart-frame';
import { anyHeldBack, type ChartReader } from './chart-format';
import { PracticeRowsTable } from './data-tables';
import { PARTNER_DASH, useChartColors } from './use-chart-colors';

/** The coaching wheel: each partner's latest ten ratings over their own first ones in the range. */
export function WheelChart({ wheel, reader }: { wheel: WheelPartner[]; reader: ChartReader }) {
  const own = readByPartner(reader.labels) ? 'your own' : 'their own';
  return (
    <ChartFrame
      title="The wheel"
      description={`${eachOf(reader.labels)} now (filled) against ${own} first check-in in this range (outline). Growth shows as the shape widening.`}
      table={<WheelTable wheel={wheel} reader={reader} />}
    >
      <div className="wheel-grid">
        {wheel.map((partner, i) => (
          <PartnerWheel key={i} partner={partner} reader={reader} slot={i} />
        ))}
      </div>
    </ChartFrame>
  );
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: string;
  payload?: { value?: unknown };
}

/**
 * A practice's name around the wheel, on two lines when it has two words ("Shared / moments"), so no name is cut at
 * the edge of a phone's screen.
 */
function WheelTick({ x, y, textAnchor, payload, fill }: TickProps & { fill: string }) {
  const name = payload?.value;
  const words = (typeof name === 'string' ? name : '').split(' ');
  const cx = Number(x ?? 0);
  const cy = Number(y ?? 0);
  // Two lines sit around the point the axis gives, as one line does.
  const firstDy = words.length > 1 ? '-0.25em' : '0.35em';
  return (
    <text x={cx} y={cy} textAnchor={textAnchor as 'start' | 'middle' | 'end' | undefined} fill={fill} fontSize={11}>
      {words.map((word, i) => (
        <tspan key={i} x={cx} dy={i === 0 ? firstDy : '1.15em'}>
          {word}
        </tspan>
      ))}
    </text>
  );
}

function PartnerWheel({ partner, reader, slot }: { partner: WheelPartner; reader: ChartReader; slot: number }) {
  const colors = useChartColors();
  const color = colors.partners[slot] ?? colors.mean;
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
        <ResponsiveContainer width="100%" height="100%">
          <RadarChart
            accessibilityLayer={false}
            data={data}
            outerRadius="68%"
            margin={{ top: 12, right: 28, bottom: 12, left: 28 }}
          >
            <PolarGrid stroke={colors.grid} />
            <PolarAngleAxis dataKey="name" tick={(props: TickProps) => <WheelTick {...props} fill={colors.text} />} />
            <PolarRadiusAxis domain={[0, 10]} tickCount={3} tick={false} axisLine={false} />
            {partner.earlier && (
              <Radar
                dataKey="earlier"
                name="Earlier"
                stroke={color}
                strokeDasharray="3 3"
                fill="none"
                isAnimationActive={false}
              />
            )}
            <Radar
              dataKey="now"
              name="Now"
              stroke={color}
              strokeDasharray={PARTNER_DASH[slot]}
              fill={color}
              fillOpacity={0.25}
              isAnimationActive={false}
            />
          </RadarChart>
        </ResponsiveContainer>
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
