import type { MeasureResultsDto } from '#shared/schemas/measure.schema';
import { formatNumber } from '#shared/wording';
import { PartnerName } from '#client/features/dashboard/partner-identity';
import { periodName } from './measure-table';
import { changeText, concernText } from './measure-wording';

/**
 * Each partner's reading side by side: their latest score, the change since their first, and where it sits against
 * the cut-off. Two perspectives in the same order as the chart's lines, never ranked against each other.
 */
export function MeasurePartnerSummary({ results }: { results: MeasureResultsDto }) {
  return (
    <ul className="measure-summary" aria-label={`${results.measure.name}: each partner's latest score`}>
      {results.partners.map((partner, slot) => {
        const { summary } = partner;
        const latestEntry = partner.entries.at(-1);
        const concern = concernText(summary, results.cutoff);
        const lateChanges = partner.entries.filter((e) => e.changedAfterBothAnswered).length;
        return (
          <li key={partner.userId} className={`measure-summary-card${summary.inConcern ? ' is-concern' : ''}`}>
            <p className="measure-summary-name">
              <PartnerName index={slot} name={partner.displayName} />
            </p>
            {summary.latest === null || !latestEntry ? (
              <p className="muted">No score to see yet.</p>
            ) : (
              <>
                <p>
                  Latest score: <strong>{formatNumber(summary.latest)}</strong>{' '}
                  <span className="muted small">({periodName(latestEntry.period).replace('Week', 'week')})</span>
                </p>
                <p className="small">{changeText(summary, results.measure)}</p>
                {concern && <p className="small">{concern}</p>}
              </>
            )}
            {(partner.skipped.length > 0 || lateChanges > 0) && (
              <p className="small muted">
                {partner.skipped.length > 0 &&
                  `Skipped ${partner.skipped.length} ${partner.skipped.length === 1 ? 'period' : 'periods'}. `}
                {lateChanges > 0 &&
                  `Changed ${lateChanges === 1 ? 'one answer' : `${lateChanges} answers`} after both had answered.`}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
