import { useQuery } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';

const WHAT: Record<string, string> = {
  roster: 'your names and recent check-in summary on their client list',
  'roster-email': 'your names and whether you may need attention, in their Monday overview email',
  couple: 'who is in your couple',
  dashboard: 'your charts',
  history: 'your ratings',
  status: 'who has checked in this week',
  suggestion: "this week's suggestion",
  focuses: 'the focuses you adopted',
  reflections: 'the reflections you shared with your coach',
  activity: 'what changed in your couple lately',
  measures: 'the questionnaires they scheduled with you and your answers',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

/** When a coach last looked, and at what: consent is easier to give when it can be checked. */
export function AccessLog() {
  const log = useQuery(trpc.couple.coachAccessLog.queryOptions());
  return (
    <div className="stack">
      <h3>When your coaches looked</h3>
      {!showsAnswer(log) ? (
        log.isError ? (
          <FormError error={log.error} />
        ) : (
          <div className="skeleton" style={{ height: '3rem' }} />
        )
      ) : log.data.length === 0 ? (
        <p className="muted">No coach has looked at your data yet.</p>
      ) : (
        <ul className="access-log" aria-label="Coach visits, newest first">
          {log.data.map((row) => (
            <li key={`${row.at}-${row.what}-${row.coachId ?? ''}`}>
              <time dateTime={row.at}>{when(row.at)}</time>: <span dir="auto">{row.coachName}</span> viewed{' '}
              {WHAT[row.what] ?? row.what}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
