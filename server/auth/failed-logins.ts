/**
 * Counts failed logins per account in memory, so a password cannot be guessed from many addresses at once.
 * One process serves the app, so memory is the right place; a restart forgets, which only helps the owner.
 */
export class FailedLoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60 * 1000,
    // Large enough that flooding other emails cannot push a real account's count out before its window ends.
    private readonly maxTracked = 200_000,
  ) {}

  isBlocked(account: string, now: number): boolean {
    return this.recent(account, now).length >= this.maxFailures;
  }

  recordFailure(account: string, now: number): void {
    const recent = this.recent(account, now);
    recent.push(now);
    this.failures.delete(account);
    this.failures.set(account, recent);
    // Map keeps insertion order: the first key is the one not seen for longest.
    if (this.failures.size > this.maxTracked) this.forgetOldest(now);
  }

  /** Drops counts whose window has passed; only if none has, the account not seen for longest. */
  private forgetOldest(now: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
    }
    if (this.failures.size > this.maxTracked) this.failures.delete(this.failures.keys().next().value!);
  }

  /**
   * Takes back one failure recorded at `at`: the check it stood for did not happen (the server was too busy) or found
   * the right password. Only that one: failures recorded alongside it stay.
   */
  withdrawFailure(account: string, at: number): void {
    const times = this.failures.get(account);
    const index = times?.lastIndexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) this.failures.delete(account);
  }

  /** How long until the account may try again; 0 when it may now. */
  msUntilUnblocked(account: string, now: number): number {
    const recent = this.recent(account, now).sort((a, b) => a - b);
    if (recent.length < this.maxFailures) return 0;
    // Once this failure leaves the window, fewer than maxFailures remain.
    return recent[recent.length - this.maxFailures]! + this.windowMs - now;
  }

  reset(account: string): void {
    this.failures.delete(account);
  }

  private recent(account: string, now: number): number[] {
    return (this.failures.get(account) ?? []).filter((t) => now - t < this.windowMs);
  }
}
