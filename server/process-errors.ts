import type { Logger } from './observability/logger';
import { processLogger } from './observability/process-logger';

/**
 * An error nobody caught is a bug, not a reason to stop serving everyone: it is logged with what it was and where it
 * came from, and the process goes on. (Node's default would end the process, and with it every request in flight.)
 * Registered before anything else runs, so even start-up work is covered: `logger` is asked at each error, so that the
 * logger made once the environment is read is the one used.
 */
export function keepServingOnUnexpectedErrors(logger: () => Logger = processLogger): void {
  process.on('unhandledRejection', (reason) => {
    logger().error(
      { err: reason },
      `Unexpected error: a promise was rejected and nothing handled it (${messageOf(reason)}). The server keeps running.`,
    );
  });
  process.on('uncaughtException', (error, origin) => {
    logger().error(
      { err: error, origin },
      `Unexpected error (${origin}): nothing caught it (${messageOf(error)}). The server keeps running.`,
    );
  });
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : 'not an Error';
}
