import cluster from 'node:cluster';
import { pino, type DestinationStream, type Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import { safeError } from './log-error';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go instead of stdout: tests capture them. */
  destination?: DestinationStream;
}

/**
 * A second line of defence: no code logs these, and if some object ever carried one into a line anyway, its value is
 * replaced. (The first line is that requests, bodies and errors are reduced to chosen fields before they are logged.)
 * `err.code` is not among them: log-error.ts renames an error's code to `errorCode`, so `code` always means a secret.
 */
const SECRET_KEYS = [
  'cookie',
  'authorization',
  'set-cookie',
  'email',
  'to',
  'displayName',
  'name',
  'note',
  'notes',
  'reflection',
  'text',
  'body',
  'ratings',
  'token',
  'code',
  'inviteCode',
  'password',
  'currentPassword',
  'newPassword',
  'input',
];
/**
 * Where an object handed to a line could sit: at the top, or in one of the fields that hold another object (an error,
 * a request or response by hand, a user, an input, details). Named one by one rather than with `*` wildcards: pino's
 * redaction then costs nothing measurable, where wildcards made every line about ten times dearer (2 against 30 µs).
 */
const CONTAINERS = ['', 'err.', 'error.', 'cause.', 'req.', 'res.', 'user.', 'input.', 'details.', 'data.'];
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => {
    const field = /^[A-Za-z]\w*$/.test(key) ? key : `["${key}"]`;
    return CONTAINERS.map((container) =>
      field.startsWith('[') ? `${container.replace(/\.$/, '')}${field}` : `${container}${field}`,
    );
  }),
];

/**
 * The server's logger: one JSON object per line on stdout (or, for people at a terminal, the same lines made readable
 * by pino-pretty), written from this process, never a worker thread. JSON lines go through pino's asynchronous
 * destination: a line goes out at once, and the lines logged while a write is under way go together in the next one,
 * so no request waits on a pipe whose reader is slow (a synchronous write blocks the event loop until the reader has
 * taken the line). pino writes what is left, synchronously, when the process exits, so the lines that say why a
 * process stopped still get out; only a SIGKILL can lose the last few.
 */
/**
 * Lines not yet taken by a stalled reader of stdout are held up to this much; beyond it new lines are dropped rather
 * than held until the process runs out of memory.
 */
const UNREAD_LOG_LIMIT_BYTES = 16 * 1024 * 1024;

export function createLogger(settings: LogSettings): Logger {
  const destination =
    settings.destination ??
    (settings.format === 'pretty'
      ? prettyDestination()
      : pino.destination({ dest: 1, sync: false, maxLength: UNREAD_LOG_LIMIT_BYTES }));
  return pino(
    {
      level: settings.level,
      // Several processes write into one stream: a worker's lines say which worker; one process needs no such field.
      base: cluster.isWorker && cluster.worker ? { pid: process.pid, worker: cluster.worker.id } : { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: safeError, error: safeError },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

/** pino-pretty's formatting applied line by line, written synchronously to stdout: for a person at a terminal. */
function prettyDestination(): DestinationStream {
  const prettify = prettyFactory({ colorize: isColorSupported, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' });
  const out = pino.destination({ dest: 1, sync: true });
  return { write: (line: string) => out.write(prettify(line)) };
}

/** A logger that writes nothing: for tests and tools that have no use for the server's lines. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
