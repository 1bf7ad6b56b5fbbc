import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from 'recharts';
import { PRACTICES } from '#shared/practices';
import type { WheelPartner } from '#shared/schemas/dashboard.schema';
import { lowerFirst } from '#shared/wording';
import { weekLabel } from '#client/lib/weeks';
import { ChartFrame } from './chart-frame';
import { PracticeRowsTable } from './data-tables';
import { PARTNER_DASH, useChartColors } from './use-chart-colors';

/** The coaching wheel: each partner's latest ten ratings over their own first ones in the range. */
export function WheelChart({ wheel, names }: { wheel: WheelPartner[]; names: string[] }) {
  return (
    <ChartFrame
      title="The wheel"
      description="Each of you now (filled) against your own first check-in in this range (outline). Growth shows as the shape widening."
      table={<WheelTable wheel={wheel} names={names} />}
    >
      <div className="wheel-grid">
        {wheel.map((partner, i) => (
          <PartnerWheel key={i} partner={partner} name={names[i]!} slot={i} />
        ))}
      </div>
    </ChartFrame>
  );
}

function PartnerWheel({ partner, name, slot }: { partner: WheelPartner; name: string; slot: number }) {
  const colors = useChartColors();
  const color = colors.partners[slot] ?? colors.mean;
  if (!partner.latest) {
    return (
      <figure className="wheel">
        <figcaption>{name}</figcaption>
        <p className="muted small">No check-ins in this range yet.</p>
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
      <figcaption className={slot === 0 ? 'partner-a' : 'partner-b'}>
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
            outerRadius="70%"
            margin={{ top: 4, right: 24, bottom: 4, left: 24 }}
          >
            <PolarGrid stroke={colors.grid} />
            <PolarAngleAxis dataKey="name" tick={{ fill: colors.text, fontSize: 11 }} />
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

function WheelTable({ wheel, names }: { wheel: WheelPartner[]; names: string[] }) {
  return (
    <PracticeRowsTable
      names={names}
      header={(name) => `${name}: earlier → now`}
      caption="Each practice, first check-in in this period and the latest"
      cell={(practiceId, slot) => {
        const partner = wheel[slot];
        if (!partner?.latest) return 'not logged';
        return `${partner.earlier ? `${partner.earlier.ratings[practiceId]} → ` : ''}${partner.latest.ratings[practiceId]}`;
      }}
    />
  );
}
