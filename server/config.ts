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
  sessionTtlMs: number;
  /** Express's "trust proxy" setting (hops or addresses); false when clients connect directly. */
  trustProxy: string | number | false;
  inviteTtlMs: number;
  demoTtlMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const defaultConfig: AppConfig = {
  scryptCost: OWASP_SCRYPT_COST,
  demoEnabled: true,
  ipRateLimit: true,
  clientDir: null,
  sessionTtlMs: 30 * DAY_MS,
  trustProxy: false,
  inviteTtlMs: 7 * DAY_MS,
  demoTtlMs: DAY_MS,
};
