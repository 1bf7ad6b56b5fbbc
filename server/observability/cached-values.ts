/** A value read now and then, with when it was read. */
export interface Cached<T> {
  value: T;
  /** Milliseconds since the epoch. */
  at: number;
}

/**
 * Reads `load` at most once per `maxAgeMs`, however often it is asked. Values are kept, never promises: a load that
 * fails leaves the last good value in place (or none), so the next ask tries again rather than meeting the same
 * rejection. Asks that come while a load runs share it.
 */
export function cachedValues<T>(load: () => Promise<T>, maxAgeMs: number, clock: () => number = Date.now) {
  let last: Cached<T> | null = null;
  let loading: Promise<Cached<T> | null> | null = null;
  return {
    /** The last value read, without asking for a new one. */
    last(): Cached<T> | null {
      return last;
    },
    read(): Promise<Cached<T> | null> {
      if (last && clock() - last.at < maxAgeMs) return Promise.resolve(last);
      loading ??= load()
        .then(
          (value) => (last = { value, at: clock() }),
          () => last,
        )
        .finally(() => (loading = null));
      return loading;
    },
  };
}
