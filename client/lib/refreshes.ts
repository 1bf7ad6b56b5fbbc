import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AppRouter } from '#server/trpc/router';

// Which answers each change makes stale, for every mutation of the API, in one table. The query client applies it
// once, after every successful mutation (see `client/trpc.ts`), so a form only says what to do next, never what to
// refresh. The table is checked against the router: a mutation added without an entry, or an entry naming a query
// that does not exist, is a type error.

type ProcedureRecord = AppRouter['_def']['record'];

/** The dotted paths (`reflection.save`) of the router's procedures of one kind. */
type PathsOf<TRecord, TKind extends 'query' | 'mutation', TPrefix extends string = ''> = {
  [K in keyof TRecord & string]: TRecord[K] extends { _def: { type: infer TType } }
    ? TType extends TKind
      ? `${TPrefix}${K}`
      : never
    : PathsOf<TRecord[K], TKind, `${TPrefix}${K}.`>;
}[keyof TRecord & string];

export type MutationPath = PathsOf<ProcedureRecord, 'mutation'>;
export type QueryPath = PathsOf<ProcedureRecord, 'query'>;

/**
 * What a mutation makes stale:
 * - a list of query paths: every cached answer of those procedures, whatever its input;
 * - `everything`: the change reaches nearly every page (joining or leaving a couple, a name, an import);
 * - `session`: the person at this device changes; the sign-in and sign-out flows drop the whole cache themselves
 *   (`replaceSessionUser`), so that nothing of one person stays for the next.
 */
export type Refresh = readonly QueryPath[] | 'everything' | 'session';

const views = <const T extends readonly QueryPath[]>(...paths: T) => paths;

/** Drawn from check-ins: the week's status and the form, charts and tables, the suggestion, a coach's roster, the feed. */
const CHECK_IN_VIEWS = views(
  'assessment.mine',
  'assessment.history',
  'assessment.weekStatus',
  'dashboard.get',
  'suggestion.next',
  'coach.roster',
  'activity.list',
);

/** Showing the couple's adopted focus: the focus card and history, the suggestion, the charts' bands, the roster. */
const FOCUS_VIEWS = views('focus.list', 'suggestion.next', 'dashboard.get', 'coach.roster', 'activity.list');

/** Showing a coach's focus for a couple: the coach's form and report, the couple's suggestion, the roster. */
const COACH_FOCUS_VIEWS = views('coach.focus', 'suggestion.next', 'dashboard.get', 'coach.roster', 'activity.list');

/**
 * Showing who coaches the couple: Settings (the coaches, the access log), the suggestion (an ended coach's focus
 * stops counting), the audiences a reflection can be shared with, the roster, the feed, and the questionnaires that
 * coach scheduled, which end with the access (the dashboard's and the check-in page's due ones, the couple's scores).
 */
const COACH_LINK_VIEWS = views(
  'couple.get',
  'couple.coachAccessLog',
  'suggestion.next',
  'dashboard.get',
  'reflection.list',
  'coach.roster',
  'activity.list',
  'measure.due',
  'measure.assignments',
  'measure.results',
);

/**
 * Drawn from measures: the coach's Measures page and couple page (charts, assignments), the check-in page's due
 * measures, the couple's own scores, and the roster's measure flags.
 */
const MEASURE_VIEWS = views('measure.list', 'measure.assignments', 'measure.due', 'measure.results', 'coach.roster');

export const REFRESHES: { readonly [Path in MutationPath]: Refresh } = {
  'auth.signup': 'session',
  'auth.login': 'session',
  'auth.logout': 'session',
  'auth.logoutEverywhere': 'session',
  'auth.resetPassword': 'session',
  // Other devices are signed out; nothing this one shows changes.
  'auth.changePassword': [],
  'demo.start': 'session',
  'account.delete': 'session',
  'account.updateProfile': 'everything',
  // A new email is unconfirmed until its own link is opened.
  'account.changeEmail': ['auth.me', 'email.status'],
  'account.import': 'everything',

  'couple.create': 'everything',
  'couple.join': 'everything',
  'couple.leave': 'everything',
  'couple.newInvite': ['couple.get'],
  'couple.inviteCoach': ['couple.get'],
  'couple.revokeCoach': COACH_LINK_VIEWS,

  'assessment.submit': CHECK_IN_VIEWS,
  'focus.adopt': FOCUS_VIEWS,
  'focus.clear': FOCUS_VIEWS,

  'reflection.save': ['reflection.list'],
  'reflection.setVisibility': ['reflection.list'],
  'reflection.delete': ['reflection.list'],

  // A new couple on the roster, and its pages (which may hold a "no access" answer from an earlier link).
  'coach.accept': 'everything',
  'coach.assignFocus': COACH_FOCUS_VIEWS,
  'coach.addNote': ['coach.listNotes'],
  'coach.updateNote': ['coach.listNotes'],
  'coach.deleteNote': ['coach.listNotes'],

  // The settings form and the dashboard's "next reminder" line; a calendar link changes only its own status.
  'reminder.set': ['reminder.get'],
  'calendar.createLink': ['calendar.status'],
  'calendar.revokeLink': ['calendar.status'],

  // Nothing changes until the link in the email is opened; a reset request changes nothing anyone sees.
  'email.sendConfirmation': [],
  'email.confirm': ['email.status'],
  'auth.requestPasswordReset': [],

  'measure.create': MEASURE_VIEWS,
  'measure.update': MEASURE_VIEWS,
  'measure.archive': MEASURE_VIEWS,
  'measure.delete': MEASURE_VIEWS,
  'measure.assign': MEASURE_VIEWS,
  'measure.unassign': MEASURE_VIEWS,
  'measure.answer': MEASURE_VIEWS,
  'measure.skip': MEASURE_VIEWS,
  // Kept answers are the partner's alone: no other view reads them.
  'measure.deleteKept': ['measure.kept'],
};

/** The dotted path of a tRPC query or mutation key (`[['reflection', 'save'], …]`), or null for any other key. */
export function procedurePathOf(key: QueryKey | undefined): string | null {
  const head: unknown = key?.[0];
  if (!Array.isArray(head) || head.length === 0 || !head.every((part) => typeof part === 'string')) return null;
  return head.join('.');
}

/** What the mutation with this key makes stale; null for a mutation that is not one of the API's (a download). */
export function refreshOf(mutationKey: QueryKey | undefined): Refresh | null {
  const path = procedurePathOf(mutationKey);
  return path !== null && Object.hasOwn(REFRESHES, path) ? REFRESHES[path as MutationPath] : null;
}

/**
 * Makes stale what the mutation changed, and resolves once every answer on screen has been fetched again, so that a
 * form that moves on after saving shows the new state on the next page. An answer no page is showing is dropped
 * instead: the next page that needs it loads it afresh rather than first showing the old one.
 */
export async function refreshAfter(queryClient: QueryClient, mutationKey: QueryKey | undefined): Promise<void> {
  const refresh = refreshOf(mutationKey);
  if (refresh === null || refresh === 'session' || refresh.length === 0) return;
  const stale = (queryKey: QueryKey) => {
    if (refresh === 'everything') return true;
    const path = procedurePathOf(queryKey);
    return path !== null && (refresh as readonly string[]).includes(path);
  };
  queryClient.removeQueries({
    predicate: (query) =>
      stale(query.queryKey) && query.getObserversCount() === 0 && query.state.fetchStatus === 'idle',
  });
  await queryClient.invalidateQueries({ predicate: (query) => stale(query.queryKey) });
}
