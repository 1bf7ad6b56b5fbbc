import { bothOf, type PartnerLabels } from '#client/features/dashboard/viewer-names';
import { partnerClass } from '#client/features/dashboard/partner-identity';

/** "the mean of you both" to a partner, "the mean of Alex and Blake" to a coach. */
export const meanName = (labels: PartnerLabels) => `mean of ${bothOf(labels)}`;

/** Each partner with their colour, line style and marker; the trend and the mean when the chart draws them. */
export function ChartLegend({
  labels,
  showTrend,
  showMean,
}: {
  labels: PartnerLabels;
  showTrend?: boolean;
  showMean?: boolean;
}) {
  return (
    <ul className="chart-legend">
      {labels.names.map((name, i) => (
        <li key={i} className={partnerClass(i)}>
          <span className="partner-swatch" aria-hidden="true" />
          {name}
        </li>
      ))}
      {showTrend && <li className="muted">thick line: 4-week trend</li>}
      {showMean && (
        <li className="muted">
          <span className="mean-swatch" aria-hidden="true" /> {meanName(labels)}
        </li>
      )}
    </ul>
  );
}
