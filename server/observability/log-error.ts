/** What of an error reaches a log line. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  /** The error's `code` (SQLITE_BUSY, ECONNREFUSED, 23505): named apart so that a field `code` is always redacted. */
  errorCode?: string | number;
  cause?: LoggedError | string;
  errors?: (LoggedError | string)[];
}

const MOST_CAUSES = 5;

/**
 * pino's `err` serializer, narrowed to what says where a fault is: its type, message, code, stack and causes. The
 * standard serializer copies every property of the error, and some carry the data of the request that failed: a
 * PostgreSQL error's `detail` repeats the duplicate value (an email address), a mail error its `response`.
 */
export function safeError(error: unknown, depth = 0): LoggedError | string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : `non-error value (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  const logged: LoggedError = {
    type: error.constructor?.name || error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: code } : {}),
  };
  if (error.cause !== undefined && depth < MOST_CAUSES) logged.cause = safeError(error.cause, depth + 1);
  if (error instanceof AggregateError && depth < MOST_CAUSES) {
    logged.errors = (error.errors as unknown[]).map((inner) => safeError(inner, depth + 1));
  }
  return logged;
}
