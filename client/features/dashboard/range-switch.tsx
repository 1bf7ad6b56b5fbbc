import { Link } from '@tanstack/react-router';
import { DASHBOARD_RANGES, type DashboardRange } from '#shared/schemas/dashboard.schema';

const LABELS: Record<DashboardRange, string> = { '12w': '12 weeks', '6m': '6 months', '1y': '1 year', all: 'All' };

/** The period every chart shows; it lives in the URL, so a view can be bookmarked or shared. */
export function RangeSwitch({
  value,
  to,
}: {
  value: DashboardRange;
  to: '/dashboard' | '/practices/$practiceId' | '/coach/couples/$coupleId';
}) {
  return (
    <nav aria-label="Period shown" className="range-switch">
      {DASHBOARD_RANGES.map((range) => (
        <Link
          key={range}
          to={to}
          params={(prev) => prev}
          // Only the range: a one-time notice (such as ?saved=) should not follow the person around.
          search={{ range }}
          aria-current={range === value ? 'page' : undefined}
          className={range === value ? 'range-active' : undefined}
          replace
        >
          {LABELS[range]}
        </Link>
      ))}
    </nav>
  );
}
