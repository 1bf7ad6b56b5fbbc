import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { replaceSessionUser, SESSION_CHANNEL } from '#client/lib/session-cache';
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

const person = (id: string) =>
  ({ id, email: `${id}@example.org`, displayName: id, role: 'partner', coupleId: null, isDemo: false }) as const;

describe('telling the other tabs', () => {
  it('announces who is signed in now, unless told not to', async () => {
    const otherTab = new BroadcastChannel(SESSION_CHANNEL);
    const heard: unknown[] = [];
    otherTab.onmessage = (event: MessageEvent) => heard.push(event.data);
    try {
      const client = new QueryClient();
      replaceSessionUser(client, {
        id: 'blake',
        email: 'b@example.org',
        displayName: 'Blake',
        role: 'partner',
        coupleId: null,
        isDemo: false,
      });
      // A tab whose own call was refused (401) keeps that to itself.
      replaceSessionUser(client, { ...person('cleo'), displayName: 'Cleo' }, { announce: false });
      replaceSessionUser(client, null);
      await expect.poll(() => heard.length).toBe(2);
      expect(heard).toEqual([{ userId: 'blake' }, { userId: null }]);
    } finally {
      otherTab.close();
    }
  });
});
