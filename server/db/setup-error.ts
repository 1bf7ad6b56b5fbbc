/** The database cannot be used as configured: the server stops at start with this message, and no stack trace. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}
