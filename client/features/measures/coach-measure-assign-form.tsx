import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { MEASURE_MAX_EVERY_WEEKS } from '#shared/schemas/measure.schema';
import { addWeeks, currentWeek } from '#shared/week';
import { FormError } from '#client/components/form-error';
import { fieldErrors } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { weekLabel } from '#client/lib/weeks';
import { trpc } from '#client/trpc';
import { everyText } from './measure-wording';

const EVERY = Array.from({ length: MEASURE_MAX_EVERY_WEEKS }, (_, i) => i + 1);

/** Schedules one of the coach's measures for this couple. */
export function CoachMeasureAssignForm({ coupleId }: { coupleId: string }) {
  const id = useId();
  const measures = useQuery(trpc.measure.list.queryOptions());
  const usable = (measures.data ?? []).filter((m) => m.archivedAt === null);
  const [measureId, setMeasureId] = useState('');
  const [everyWeeks, setEveryWeeks] = useState(2);
  const [start, setStart] = useState<'this' | 'next'>('this');
  const [visibleToCouple, setVisibleToCouple] = useState(true);
  const [assigned, setAssigned] = useState<string | null>(null);
  const assign = useGuardedMutation(trpc.measure.assign.mutationOptions());
  const errors = fieldErrors(assign.error);
  // Schedules run on the server's weeks, which are UTC weeks (docs/api.md): a coach east of UTC on a Monday morning is
  // still in the server's previous week, and "next week" must be the server's next week, or it is refused.
  const thisWeek = currentWeek(new Date());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const measure = usable.find((m) => m.measureId === measureId);
    if (!measure) return;
    setAssigned(null);
    assign.mutate(
      {
        coupleId,
        measureId,
        everyWeeks,
        // Left out, "this week" is the server's own; "next week" is named so the couple is asked from then on.
        ...(start === 'next' ? { startWeek: addWeeks(thisWeek, 1) } : {}),
        visibleToCouple,
      },
      {
        onSuccess: () => {
          setAssigned(`“${measure.name}” is assigned, ${everyText(everyWeeks)}.`);
          setMeasureId('');
        },
      },
    );
  };

  if (measures.isPending) return <div className="skeleton" style={{ height: '10rem' }} />;
  if (usable.length === 0) {
    return (
      <p className="muted">
        You have no measures to assign yet. <Link to="/coach/measures">Create one on your Measures page</Link>.
      </p>
    );
  }
  return (
    <form className="stack measure-assign" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Assign a measure</h3>
      <div className="measure-pair">
        <div className="field">
          <label htmlFor={`${id}-measure`}>Measure</label>
          <select
            id={`${id}-measure`}
            value={measureId}
            onChange={(e) => setMeasureId(e.target.value)}
            aria-invalid={errors.measureId ? true : undefined}
          >
            <option value="">Choose a measure</option>
            {usable.map((m) => (
              <option key={m.measureId} value={m.measureId}>
                {m.name}
              </option>
            ))}
          </select>
          {errors.measureId && <span className="field-error">{errors.measureId}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-every`}>How often</label>
          <select id={`${id}-every`} value={everyWeeks} onChange={(e) => setEveryWeeks(Number(e.target.value))}>
            {EVERY.map((n) => (
              <option key={n} value={n}>
                {everyText(n).replace(/^e/, 'E')}
              </option>
            ))}
          </select>
          {errors.everyWeeks && <span className="field-error">{errors.everyWeeks}</span>}
        </div>
      </div>
      <fieldset className="field">
        <legend>Starting</legend>
        <div className="choice-list measure-choices">
          <label className="choice">
            <input type="radio" name={`${id}-start`} checked={start === 'this'} onChange={() => setStart('this')} />
            <span>This week ({weekLabel(thisWeek).replace('Week', 'week')})</span>
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-start`} checked={start === 'next'} onChange={() => setStart('next')} />
            <span>Next week ({weekLabel(addWeeks(thisWeek, 1)).replace('Week', 'week')})</span>
          </label>
        </div>
        {errors.startWeek && <span className="field-error">{errors.startWeek}</span>}
      </fieldset>
      <fieldset className="field">
        <legend>The couple sees their scores</legend>
        <div className="choice-list measure-choices">
          <label className="choice">
            <input
              type="radio"
              name={`${id}-visible`}
              checked={visibleToCouple}
              onChange={() => setVisibleToCouple(true)}
            />
            <span>Yes: each sees their own score and, once both have answered, each other’s</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-visible`}
              checked={!visibleToCouple}
              onChange={() => setVisibleToCouple(false)}
            />
            <span>No: they answer, and only you see the scores</span>
          </label>
        </div>
        <span className="field-hint">
          Either way, only you see the answer to each question; a partner never sees the other’s answers.
        </span>
      </fieldset>
      <FormError error={Object.keys(errors).length > 0 ? null : assign.error} />
      <p role="status" className="small">
        {assigned}
      </p>
      <div className="button-row">
        <button type="submit" className="button" disabled={!measureId || assign.isPending}>
          {assign.isPending ? 'Assigning…' : 'Assign'}
        </button>
      </div>
    </form>
  );
}
