import { verifyPassword } from '#server/auth/password';
import { busyAsTooMany } from '#server/auth/rate-limits';
import type { AppDeps } from '#server/deps';
import { TooMany } from '#server/errors';

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
  uncount(): Promise<void>;
}

/**
 * Checks a password within the account's failed-attempt limit. The attempt counts as failed before the (slow) check,
 * so attempts running at the same time all see each other; when the server was too busy to check at all, that count
 * is taken back, since nothing was tried. What a match does to the count is the caller's choice.
 */
export async function countedCheck(deps: AppDeps, check: CountedCheck): Promise<CheckResult> {
  const attempt = await deps.failedLogins.countAttempt(check.account, deps.now());
  if (attempt.locked) throw new TooMany(check.lockedMessage, attempt.msUntilUnblocked / 1000);
  const uncount = () => deps.failedLogins.withdrawFailure(attempt.failureId);
  try {
    return { matched: await busyAsTooMany(verifyPassword(check.password, check.stored, check.owner)), uncount };
  } catch (error) {
    // The error says what happened; failing to take the count back as well must not hide it.
    await uncount().catch(() => {});
    throw error;
  }
}
