import { verifyPassword } from '../auth/password';
import { busyAsTooMany, tooManyRequests } from '../auth/rate-limits';
import type { Context } from '../trpc/context';

export interface CountedCheck {
  /** Whose failed-attempt count the check belongs to: the account's email, as logins count it. */
  account: string;
  password: string;
  stored: string;
  /** Whose turn in the hashing line this is. */
  owner: string;
  lockedMessage: string;
}

export interface CheckResult {
  matched: boolean;
  /** Takes this attempt's count back, leaving any other attempt's. */
  uncount(): void;
}

/**
 * Checks a password within the account's failed-attempt limit. The attempt counts as failed before the (slow) check,
 * so attempts running at the same time all see each other; when the server was too busy to check at all, that count
 * is taken back, since nothing was tried. What a match does to the count is the caller's choice.
 */
export async function countedCheck(ctx: Context, check: CountedCheck): Promise<CheckResult> {
  const now = ctx.now().getTime();
  if (ctx.failedLogins.isBlocked(check.account, now)) {
    throw tooManyRequests(check.lockedMessage, ctx.failedLogins.msUntilUnblocked(check.account, now) / 1000);
  }
  ctx.failedLogins.recordFailure(check.account, now);
  const uncount = () => ctx.failedLogins.withdrawFailure(check.account, now);
  try {
    return { matched: await busyAsTooMany(verifyPassword(check.password, check.stored, check.owner)), uncount };
  } catch (error) {
    uncount();
    throw error;
  }
}
