import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { replaceSessionUser } from '#client/lib/session-cache';
import { trpc } from '#client/trpc';

describe('changing the person at this device', () => {
  it('forgets the cached answers and the finished calls of the one before, and lets a running call finish', async () => {
    const client = new QueryClient();
    client.setQueryData(['dashboard', 'get'], { ratings: 'theirs' });
    const calls = client.getMutationCache();
    // A finished call keeps its inputs (here a password) until it is removed.
    const finished = calls.build(client, {
      mutationKey: [['account', 'changeEmail']],
      mutationFn: () => Promise.resolve('ok'),
    });
    await finished.execute({ email: 'new@example.com', currentPassword: 'the old password' });
    let release: (value: string) => void = () => {};
    let started: () => void = () => {};
    const isRunning = new Promise<void>((resolve) => (started = resolve));
    const running = calls.build(client, {
      mutationFn: () =>
        new Promise<string>((resolve) => {
          release = resolve;
          started();
        }),
    });
    const stillRunning = running.execute({});
    await isRunning;

    replaceSessionUser(client, null);

    expect(calls.getAll()).toEqual([running]);
    expect(JSON.stringify(calls.getAll().map((call) => call.state.variables))).not.toContain('the old password');
    expect(client.getQueryData(['dashboard', 'get'])).toBeUndefined();
    expect(client.getQueryData(trpc.auth.me.queryKey())).toBeNull();
    release('done');
    await expect(stillRunning).resolves.toBe('done');
  });
});
