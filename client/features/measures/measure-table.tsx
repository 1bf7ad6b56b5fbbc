import { Fragment } from 'react';
import type { MeasureItem, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { isConcern } from '#shared/domain/measure-scoring';
import { formatNumber } from '#shared/wording';
import { LabelledCell } from '#client/features/dashboard/charts/data-tables';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { weekLabel } from '#client/lib/weeks';
import { periodState, type MeasurePoint } from './measure-chart-data';

/** "Week of 3 Nov": a period is named by its first week. */
export const periodName = (period: string) => weekLabel(period);

/** A partner's period in words: the score (and what is worth knowing about it), "skipped", or "no score". */
export function scoreCell(point: MeasurePoint, slot: number, results?: Pick<MeasureResultsDto, 'cutoff'>): string {
  const state = periodState(point, slot);
  if (state === 'skipped') return 'skipped';
  const entry = point.entries[slot];
  if (state === 'none' || !entry) return 'no score';
  const notes: string[] = [];
  if (results?.cutoff && isConcern(entry.score, results.cutoff)) notes.push('side of concern');
  if (entry.changedAfterBothAnswered) notes.push('changed after both had answered');
  return notes.length > 0 ? `${formatNumber(entry.score)} (${notes.join('; ')})` : formatNumber(entry.score);
}

interface Props {
  results: MeasureResultsDto;
  points: MeasurePoint[];
  withItems: boolean;
}

/** Every period's scores, newest first, then (for the coach) each period's item answers. */
export function MeasureTable({ results, points, withItems }: Props) {
  const names = results.partners.map((p) => p.displayName);
  const newestFirst = [...points].reverse();
  const versions = new Set(points.flatMap((p) => p.entries.map((e) => e?.version)).filter((v) => v !== undefined));
  return (
    <>
      <table className="stack-table">
        <caption className="visually-hidden">{results.measure.name}: scores per period, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {names.map((name, i) => (
              <th scope="col" className="num" key={i}>
                {name}
              </th>
            ))}
            {versions.size > 1 && <th scope="col">Version</th>}
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((point) => (
            <tr key={point.period}>
              <th scope="row">{periodName(point.period)}</th>
              {names.map((name, i) => (
                <LabelledCell key={i} label={name} className={`num ${partnerClass(i)}`}>
                  {scoreCell(point, i, results)}
                </LabelledCell>
              ))}
              {versions.size > 1 && (
                <LabelledCell label="Version" className="">
                  {[...new Set(point.entries.map((e) => e?.version).filter((v) => v !== undefined))].join(', ') || '—'}
                </LabelledCell>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {withItems && <ItemAnswers results={results} newestFirst={newestFirst} />}
    </>
  );
}

/**
 * Each answered period's item answers, one small table per period (and version), items as rows and partners as
 * columns: on a phone each item becomes a card with both answers in it, so nothing hides in a sideways scroll.
 */
function ItemAnswers({ results, newestFirst }: { results: MeasureResultsDto; newestFirst: MeasurePoint[] }) {
  const itemsOf = new Map(results.versions.map((v) => [v.version, v.items]));
  const answered = newestFirst.filter((p) => p.entries.some((e) => e?.answers));
  if (answered.length === 0) return null;
  return (
    <div className="measure-item-answers">
      <h4>Answers to each question</h4>
      {answered.map((point) => {
        const byVersion = new Map<number, number[]>();
        point.entries.forEach((entry, slot) => {
          if (!entry?.answers) return;
          byVersion.set(entry.version, [...(byVersion.get(entry.version) ?? []), slot]);
        });
        return [...byVersion].map(([version, slots]) => {
          const items: MeasureItem[] = itemsOf.get(version) ?? [];
          const captionId = `items-${results.assignmentId}-${point.period}-${version}`;
          return (
            <Fragment key={`${point.period}-${version}`}>
              <h5 id={captionId} className="measure-items-caption">
                {periodName(point.period)}
                {byVersion.size > 1 || version !== results.measure.version ? `, version ${version}` : ''}
              </h5>
              <table aria-labelledby={captionId} className="stack-table measure-items-table">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    {slots.map((slot) => (
                      <th scope="col" className="num" key={slot}>
                        {results.partners[slot]?.displayName}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((item, index) => (
                    <tr key={index}>
                      <th scope="row">
                        {index + 1}. {item.text}
                        <span className="muted small">
                          {' '}
                          ({item.min} {item.minLabel} to {item.max} {item.maxLabel}
                          {item.reverse ? '; reverse scored' : ''})
                        </span>
                      </th>
                      {slots.map((slot) => (
                        <LabelledCell
                          key={slot}
                          label={results.partners[slot]?.displayName ?? ''}
                          className={`num ${partnerClass(slot)}`}
                        >
                          {point.entries[slot]?.answers?.[index] ?? '—'}
                        </LabelledCell>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Fragment>
          );
        });
      })}
    </div>
  );
}
