import type { ScryptCost } from './auth/password';
import { OWASP_SCRYPT_COST } from './auth/password';

/** What the app needs to know about how it runs; built from the environment in env.ts, or by tests. */
export interface AppConfig {
  scryptCost: ScryptCost;
  /** "Explore the demo" on the login page. */
  demoEnabled: boolean;
  /** Limits counted per client address (signup, login, demo); per-account limits stay on regardless. */
  ipRateLimit: boolean;
  /** Where the built SPA lives; null serves the API only. */
  clientDir: string | null;
  /** A session unused for this long ends (its last use is recorded at most once an hour). */
  sessionIdleMs: number;
  /** A session ends this long after login however much it is used: a stolen cookie cannot live for ever. */
  sessionAbsoluteMs: number;
  /** How long a password reset link made with `npm run admin -- reset-password` works. */
  passwordResetTtlMs: number;
  /** The address people reach this server at, for links printed by the admin command; null: http://localhost:PORT. */
  publicUrl: string | null;
  /** Express's "trust proxy" setting (hops or addresses); false when clients connect directly. */
  trustProxy: string | number | false;
  inviteTtlMs: number;
  demoTtlMs: number;
  /** Email, when the server is given an SMTP server (SMTP_URL and MAIL_FROM); null: nothing is ever sent. */
  mail: MailConfig | null;
  /** How often due reminders and emails are worked out (NOTIFY_INTERVAL_SECONDS). */
  notifyIntervalMs: number;
  /** The bearer token that reads GET /metrics (METRICS_TOKEN); null: no metrics are collected or served. */
  metricsToken: string | null;
}

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://…, as nodemailer reads it. Never printed: it holds a password. */
  smtpUrl: string;
  /** The From header: an address, or `Name <address>`. */
  from: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const defaultConfig: AppConfig = {
  scryptCost: OWASP_SCRYPT_COST,
  demoEnabled: true,
  ipRateLimit: true,
  clientDir: null,
  sessionIdleMs: 30 * DAY_MS,
  sessionAbsoluteMs: 90 * DAY_MS,
  passwordResetTtlMs: 60 * 60 * 1000,
  publicUrl: null,
  trustProxy: false,
  inviteTtlMs: 7 * DAY_MS,
  demoTtlMs: DAY_MS,
  mail: null,
  notifyIntervalMs: 60_000,
  metricsToken: null,
};
