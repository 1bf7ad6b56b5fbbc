import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { defaultConfig, type AppConfig } from './config';
import type { DatabaseTarget } from './db/open';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './observability/logger';

const envSchema = z.object({
  // Digits only: coerced, an empty PORT= (from an env file) would be 0, a random port nobody knows.
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
    .default('3000')
    .transform(Number)
    .pipe(z.number().int().max(65535)),
  HOST: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default('data/tandem.db'),
  /** PostgreSQL instead of SQLite: postgres://user:pass@host:port/db. DATABASE_PATH is then ignored. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must look like postgres://user:password@host:5432/database')
    .refine((url) => URL.canParse(url), 'is not a valid URL')
    .optional(),
  /** Connections each process keeps to PostgreSQL at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Worker processes serving on this machine (node:cluster). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  NODE_ENV: z.string().optional(),
  DEMO: z.enum(['0', '1']).optional(),
  TANDEM_IP_RATE_LIMIT: z.enum(['0', '1']).optional(),
  /** 0 serves the API only, for development behind Vite's own server. */
  SERVE_CLIENT: z.enum(['0', '1']).optional(),
  /** Express "trust proxy": a hop count (1) or addresses, when a reverse proxy terminates TLS in front. */
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxy, {
      message:
        "give a hop count such as 1, or the proxies' addresses (10.0.0.1, 10.0.0.0/8, loopback), comma-separated; " +
        '"true" is refused: it would believe an X-Forwarded-For header from anyone',
    })
    .optional(),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  /** Where people reach the server (https://tandem.example.org), for links the admin command prints. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The SMTP server email goes through: smtp://user:pass@host:port, or smtps://… for TLS from the first byte. */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must look like smtp://user:password@host:587 or smtps://…' })
    .optional(),
  /** The sender of every email: an address, or "Name <address>". */
  MAIL_FROM: z
    .string()
    .regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, 'must be an address, or Name <address>')
    .optional(),
  /** Seconds between two passes over due reminders and emails. */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The least important lines written: info shows each request; debug adds health checks and scrapes. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** json: one object per line, for machines; pretty: readable lines, for a terminal (npm run dev). */
  LOG_FORMAT: z.enum(LOG_FORMATS).default('json'),
  /** Turns on GET /metrics, readable only with `Authorization: Bearer <this token>`; unset, /metrics does not exist. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (a long random string)')
    // A bearer token is one word: with a space or a line break in it, no Authorization header could ever match.
    .regex(/^\S+$/, 'must not contain spaces or line breaks')
    .optional(),
});

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ServerEnv {
  port: number;
  host: string | undefined;
  database: DatabaseTarget;
  /** How many worker processes serve (WEB_CONCURRENCY). */
  workers: number;
  /** LOG_LEVEL and LOG_FORMAT. */
  log: { level: LogLevel; format: LogFormat };
  config: AppConfig;
}

/** Reads and checks the environment once, at start: a typo in a variable stops the server with a clear message. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const mailProblem = emailSetupProblem(e);
  if (mailProblem) throw new Error(`Invalid environment: ${mailProblem}`);
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', path: e.DATABASE_PATH },
    workers: e.WEB_CONCURRENCY,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    config: {
      ...defaultConfig,
      demoEnabled: e.DEMO ? e.DEMO === '1' : !production,
      ipRateLimit: e.TANDEM_IP_RATE_LIMIT !== '0',
      clientDir: e.SERVE_CLIENT === '0' ? null : path.resolve('dist/client'),
      sessionIdleMs: (e.SESSION_IDLE_DAYS ?? 30) * DAY_MS,
      // The absolute limit never falls below the idle one: a session may not outlive its own ceiling.
      sessionAbsoluteMs: Math.max(e.SESSION_MAX_DAYS ?? 90, e.SESSION_IDLE_DAYS ?? 30) * DAY_MS,
      publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
      trustProxy:
        e.TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
      mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
      notifyIntervalMs: e.NOTIFY_INTERVAL_SECONDS * 1000,
      metricsToken: e.METRICS_TOKEN ?? null,
    },
  };
}

/**
 * Email needs all three: where to send through, who it is from, and the address its links point to (a server cannot
 * know the name people reach it by). Half a setup stops the start rather than send nothing, or links to nowhere.
 */
function emailSetupProblem(e: z.infer<typeof envSchema>): string | null {
  if (!e.SMTP_URL && !e.MAIL_FROM) return null;
  if (!e.SMTP_URL) return 'MAIL_FROM is set but SMTP_URL is not: set both to send email, or neither.';
  if (!e.MAIL_FROM) return 'SMTP_URL is set but MAIL_FROM is not: set both to send email, or neither.';
  if (!e.PUBLIC_URL) return 'email needs PUBLIC_URL, the address people reach this server at, for the links it sends.';
  return null;
}

/** A value Express's `trust proxy` takes and that trusts only the proxies named: a hop count, or addresses. */
function isTrustProxy(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  return value.split(',').every((item) => {
    const entry = item.trim();
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (rest.length > 0 || family === 0) return false;
    if (prefix === undefined) return true;
    // A range within the address's size; not /0, which would trust every address, as `true` would.
    return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
  });
}
