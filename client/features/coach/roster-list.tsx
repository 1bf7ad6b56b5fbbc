import { Link } from '@tanstack/react-router';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { RosterRowDto } from '#shared/schemas/coach.schema';
import { PartnerName } from '#client/features/dashboard/partner-identity';
import { relativeWeekLabel } from '#client/lib/weeks';
import { FLAG_LABELS } from './flag-labels';
import { Sparkline } from './sparkline';

const coupleName = (row: RosterRowDto) =>
  row.partners.map((p) => p.displayName).join(' & ') || 'A couple with nobody left';

const endedDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A couple whose access ended lately: no name and nothing of theirs, only when it ended, for 30 days. Their consent
 * ended, and with it everything the roster could say about them.
 */
function EndedRow({ endedAt }: { endedAt: string }) {
  return (
    <li className="card card-muted roster-row roster-row-ended">
      <h2>A couple you coached</h2>
      <p className="muted">
        Access ended on <time dateTime={endedAt}>{endedDay.format(new Date(endedAt))}</time>. Their check-ins and
        reflections are no longer shared with you; if they invite you again, they will appear here as before.
      </p>
    </li>
  );
}

export function RosterList({ rows }: { rows: RosterRowDto[] }) {
  return (
    <ul className="roster" aria-label="Client couples, most in need of attention first">
      {rows.map((row) =>
        row.accessEndedAt !== null ? (
          <EndedRow key={`ended-${row.coupleId}`} endedAt={row.accessEndedAt} />
        ) : (
          <li key={row.coupleId} className={`card roster-row${row.flags.length > 0 ? ' roster-row-flagged' : ''}`}>
            <div className="roster-head">
              <h2>
                <Link to="/coach/couples/$coupleId" params={{ coupleId: row.coupleId }}>
                  <span dir="auto">{coupleName(row)}</span>
                </Link>
              </h2>
              <div className="roster-connection">
                <span className="muted small">Connection</span>
                <strong>{row.connection.now ?? '–'}</strong>
                <Sparkline
                  values={row.connection.trend}
                  label={`Connection over the last four weeks: ${row.connection.trend.map((v) => v ?? 'not logged').join(', ')}`}
                />
              </div>
            </div>
            <ul className="roster-partners">
              {row.partners.map((p, i) => (
                <li key={p.id}>
                  <PartnerName index={i} name={p.displayName} />
                  <span className="muted small">
                    {' '}
                    ·{' '}
                    {p.lastCheckInWeek
                      ? `last check-in: ${relativeWeekLabel(p.lastCheckInWeek).toLowerCase()}`
                      : 'no check-in yet'}
                  </span>
                </li>
              ))}
            </ul>
            <p className="small">
              Focus:{' '}
              {row.focus
                ? `${PRACTICES_BY_ID[row.focus.practiceId].shortName} (${row.focus.by === 'coach' ? 'chosen by you' : 'their choice'})`
                : 'none at the moment'}
            </p>
            {row.flags.length > 0 && (
              <ul className="flag-list" aria-label={`What to look at with ${coupleName(row)}`}>
                {row.flags.map((flag) => (
                  <li key={`${flag.kind}-${flag.detail}`} data-flag={flag.kind}>
                    <strong>{FLAG_LABELS[flag.kind]}:</strong> {flag.detail}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ),
      )}
    </ul>
  );
}
