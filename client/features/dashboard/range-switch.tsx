import { Link } from '@tanstack/react-router';
import { rangesReached } from '#shared/domain/dashboard';
import { DASHBOARD_RANGES, type DashboardRange } from '#shared/schemas/dashboard.schema';
import type { Week } from '#shared/week';

const LABELS: Record<DashboardRange, string> = { '12w': '12 weeks', '6m': '6 months', '1y': '1 year', all: 'All' };

/**
 * The period every chart shows; it lives in the URL, so a view can be bookmarked or shared. Only the periods the
 * history reaches are offered (with the one shown, whatever it is); with a single one there is nothing to switch.
 */
export function RangeSwitch({
  value,
  to,
  firstWeek,
  thisWeek,
}: {
  value: DashboardRange;
  to: '/dashboard' | '/practices/$practiceId' | '/coach/couples/$coupleId';
  /** Where the reader's history begins, and this week: which ranges show something the shorter ones do not. */
  firstWeek: Week | null;
  thisWeek: Week;
}) {
  const reached = rangesReached(firstWeek, thisWeek);
  const offered = DASHBOARD_RANGES.filter((range) => range === value || reached.includes(range));
  if (offered.length < 2) return null;
  return (
    <nav aria-label="Period shown" className="range-switch">
      {offered.map((range) => (
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
