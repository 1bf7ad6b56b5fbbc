/**
 * An error nobody caught is a bug, not a reason to stop serving everyone: it is logged with what it was and where it
 * came from, and the process goes on. (Node's default would end the process, and with it every request in flight.)
 * Registered before anything else runs, so even start-up work is covered.
 */
export function keepServingOnUnexpectedErrors(
  log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): void {
  process.on('unhandledRejection', (reason) => {
    log('Unexpected error: a promise was rejected and nothing handled it. The server keeps running.', reason);
  });
  process.on('uncaughtException', (error, origin) => {
    log(`Unexpected error (${origin}): nothing caught it. The server keeps running.`, error);
  });
}
