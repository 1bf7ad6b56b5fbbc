import { proceduresOf } from '#server/http/request-guards';
import { CALENDAR_PATH } from '#server/services/calendar.service';
import { UNSUBSCRIBE_PATH } from '#server/mail/unsubscribe';
import { appRouter } from '#server/trpc/router';

/**
 * Paths whose last part is a secret: a calendar feed's token, an unsubscribe link's token, an invitation's code (the
 * page a partner opens from the link they were sent). Their lines name the pattern, never the value.
 */
const SECRET_PATHS: { prefix: string; pattern: string }[] = [
  { prefix: `${CALENDAR_PATH}/`, pattern: `${CALENDAR_PATH}/:file` },
  { prefix: UNSUBSCRIBE_PATH, pattern: `${UNSUBSCRIBE_PATH}:token` },
  // Any other address under /email/ is nothing we serve, but belongs to links sent by email: its tail is not logged.
  { prefix: '/email/', pattern: '/email/:rest' },
  { prefix: '/join/', pattern: '/join/:code' },
];

/** A part of an address as our own pages and files name them; anything else (an address, a name, text) is not kept. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]{1,100}$/;
const MOST_PROCEDURES = 20;

export interface LoggedRoute {
  route: string;
  /** For /trpc requests: the procedures called (a batch names several); names the API does not have are "unknown". */
  procedures?: string[];
}

/**
 * The path a request asked for, as the router sees it: without the query, and from an absolute-form target
 * (`GET http://host/calendar/…`) too. Anything that decides by path (what to hide, which label to count under) reads
 * this, never the raw target a client wrote, and compares it in lower case (`routedPrefix`): Express matches routes
 * whatever their case, so `/Calendar/…` reaches the calendar feed.
 */
export function routedPath(originalUrl: string): string {
  try {
    return new URL(originalUrl, 'http://localhost').pathname;
  } catch {
    return originalUrl.split('?')[0] ?? '';
  }
}

/** Whether `path` is `prefix` or under it, as Express would match it (case aside). */
export function routedUnder(path: string, prefix: string): boolean {
  return path.toLowerCase().startsWith(prefix.toLowerCase());
}

/** What a request line says of the path asked for (`routedPath`'s): without any secret in it. */
export function loggedRoute(path: string): LoggedRoute {
  if (path.toLowerCase() === '/trpc' || routedUnder(path, '/trpc/')) return trpcRoute(path.slice('/trpc'.length));
  const secret = SECRET_PATHS.find(({ prefix }) => routedUnder(path, prefix));
  if (secret) return { route: secret.pattern };
  const route = path
    .split('/')
    .map((segment, i) => (i === 0 || segment === '' || PLAIN_SEGMENT.test(segment) ? segment : ':segment'))
    .join('/');
  return { route: route.length > 300 ? `${route.slice(0, 300)}…` : route };
}

function trpcRoute(rest: string): LoggedRoute {
  const names = proceduresOf(rest);
  if (!names) return { route: '/trpc/:unknown' };
  const procedures = names
    .slice(0, MOST_PROCEDURES)
    .map((name) => (Object.hasOwn(appRouter._def.procedures, name) ? name : 'unknown'));
  return { route: `/trpc/${procedures.join(',')}`, procedures };
}
