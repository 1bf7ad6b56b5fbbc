import { TRPCClientError } from '@trpc/client';
import isNetworkError from 'is-network-error';

/**
 * The message to show a person: the server's words for a refusal, a calm fallback for anything else. A request that
 * never reached the server fails with the browser's own words, which differ from one browser to the next (Chrome's
 * "Failed to fetch", Firefox's "NetworkError when attempting…", Safari's "Load failed"): is-network-error knows them.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const status = httpStatusOf(error);
    if (status !== undefined && status < 500) return error.message;
    if (isNetworkError(error.cause)) return "We couldn't reach Tandem. Check your connection and try again.";
  }
  return 'Something went wrong on our side. Please try again in a moment.';
}

/** Field-level messages from a refused form, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const fields = (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors ?? {};
  return Object.fromEntries(
    Object.entries(fields).flatMap(([field, messages]) => (messages?.[0] ? [[field, messages[0]]] : [])),
  );
}

/** The HTTP status of a refused tRPC call, when the server answered at all. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const status = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether a page shows a query's answer. Once it has one, it keeps it through a refetch that got no answer or failed
 * on the server's side: what it shows is still the latest known, and a form keeps the words typed into it. A refusal
 * (4xx) takes its place: the reader may no longer see it (a coach whose access ended, a session that ended).
 */
export function showsAnswer<Q extends { data: unknown; isError: boolean; error: unknown }>(
  query: Q,
): query is Q & { data: Exclude<Q['data'], undefined> } {
  if (query.data === undefined) return false;
  return !query.isError || (httpStatusOf(query.error) ?? 500) >= 500;
}
