import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooMany } from '#server/errors';
import { HashingBusyError } from './password';

/**
 * Limits counted per account or per session rather than per address: an attacker with many addresses still has one
 * account. In memory, like the failed-login counts: one process serves the app.
 */
export interface RateLimits {
  /** Password checks outside login (change password, delete account), per account. */
  passwordChecksPerAccount: RateLimiterMemory;
  /** The same checks per session, so one stolen session cannot spend the account's whole allowance. */
  passwordChecksPerSession: RateLimiterMemory;
  /** Imports that passed every check and were written, per account. */
  importsPerAccount: RateLimiterMemory;
  /**
   * Every import call, refused files included, per account, taken before the file is read: a hostile client cannot
   * make the server read and check 32 MiB files without end, and a person fixing a typo still has tries left.
   */
  importAttemptsPerAccount: RateLimiterMemory;
}

export function createRateLimits(): RateLimits {
  return {
    passwordChecksPerAccount: new RateLimiterMemory({ keyPrefix: 'pw-account', points: 5, duration: 60 }),
    passwordChecksPerSession: new RateLimiterMemory({ keyPrefix: 'pw-session', points: 5, duration: 60 }),
    importsPerAccount: new RateLimiterMemory({ keyPrefix: 'import', points: 3, duration: 60 * 60 }),
    importAttemptsPerAccount: new RateLimiterMemory({ keyPrefix: 'import-attempt', points: 10, duration: 60 * 60 }),
  };
}

/**
 * Takes one point for the key, or throws TooMany (a 429 with `Retry-After`). The limiter's promise is always awaited here and
 * its refusal turned into our own error: a refusal must never escape as an unhandled rejection.
 */
export async function consumeOrRefuse(limiter: RateLimiterMemory, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooMany(message, error.msBeforeNext / 1000);
    throw error;
  }
}

/** Returns a point taken by consumeOrRefuse, for an attempt the server turned away before doing anything. */
export async function giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
  await limiter.reward(key, 1);
}

/** About as long as a full hashing line takes to move on. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** A full hashing line is the server being busy, which the caller hears as "try again in a moment". */
export async function busyAsTooMany<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HashingBusyError) {
      throw new TooMany('Tandem is busy checking other sign-ins. Try again in a moment.', BUSY_RETRY_AFTER_SECONDS);
    }
    throw error;
  }
}
