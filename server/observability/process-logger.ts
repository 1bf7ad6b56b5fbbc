import {
  createLogger,
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type Logger,
  type LogLevel,
  type LogSettings,
} from './logger';

let current: Logger | undefined;

/**
 * The logger of work that no request carries and that is handed no logger: an email sent in the background, a
 * checkpoint retried on a timer, an error nobody caught. `server/index.ts` installs the one it made from the checked
 * environment; until then (and in tests and tools) it is made on first use from LOG_LEVEL and LOG_FORMAT as they are.
 */
export function processLogger(): Logger {
  return (current ??= createLogger(logSettingsOf(process.env)));
}

export function useProcessLogger(logger: Logger): void {
  current = logger;
}

/**
 * LOG_LEVEL and LOG_FORMAT read leniently, for the logger that must exist before the environment is checked: a
 * value that is not valid falls back to the default here, and `readEnv` then stops the start with its own message.
 */
export function logSettingsOf(env: NodeJS.ProcessEnv): LogSettings {
  const level = LOG_LEVELS.find((l) => l === env.LOG_LEVEL) ?? ('info' satisfies LogLevel);
  const format = LOG_FORMATS.find((f) => f === env.LOG_FORMAT) ?? ('json' satisfies LogFormat);
  return { level, format };
}
