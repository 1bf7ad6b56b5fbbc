import { describe, expect, it } from 'vitest';
import { cachedValues } from '#server/observability/cached-values';

describe('cachedValues', () => {
  it('reads at most once per period, shares a read in flight, and keeps values rather than failures', async () => {
    let clock = 0;
    let loads = 0;
    let fail = false;
    const cached = cachedValues(
      () => {
        loads += 1;
        return fail ? Promise.reject(new Error('database gone')) : Promise.resolve(loads);
      },
      60_000,
      () => clock,
    );
    const [first, second] = await Promise.all([cached.read(), cached.read()]);
    expect(first).toEqual({ value: 1, at: 0 });
    expect(second).toBe(first);
    clock = 59_999;
    expect((await cached.read())?.value).toBe(1);
    expect(loads).toBe(1);

    // Stale and failing: the last good values stay, and the next ask tries again instead of meeting the failure.
    clock = 60_000;
    fail = true;
    expect(await cached.read()).toEqual({ value: 1, at: 0 });
    expect(loads).toBe(2);
    fail = false;
    expect(await cached.read()).toEqual({ value: 3, at: 60_000 });
  });

  it('has nothing to give when the first read fails, and does not cache the failure', async () => {
    let fail = true;
    const cached = cachedValues(() => (fail ? Promise.reject(new Error('no')) : Promise.resolve('ok')), 60_000);
    expect(await cached.read()).toBeNull();
    fail = false;
    expect((await cached.read())?.value).toBe('ok');
  });
});
