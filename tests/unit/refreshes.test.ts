import { QueryClient, QueryObserver, type QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { newDraftKey } from '#client/lib/draft-key';
import { REFRESHES, procedurePathOf, refreshAfter, refreshOf, type Refresh } from '#client/lib/refreshes';
import { queryClient as appQueryClient } from '#client/trpc';
import { draftKeySchema } from '#shared/schemas/draft-key.schema';

// tRPC's keys, as `trpc.<path>.queryKey(input)` and `.mutationKey()` make them.
const queryKey = (path: string, input?: unknown): QueryKey => [
  path.split('.'),
  { ...(input === undefined ? {} : { input }), type: 'query' },
];
const mutationKey = (path: string): QueryKey => [path.split('.')];

/** A cached answer that counts how often it was fetched; `watch` puts it on screen (an observer, as a page has). */
function cached(client: QueryClient, key: QueryKey) {
  let fetches = 0;
  const queryFn = () => Promise.resolve(`answer ${++fetches}`);
  client.setQueryData(key, 'answer 0');
  client.setQueryDefaults(key, { queryFn });
  return {
    fetches: () => fetches,
    data: () => client.getQueryData<string>(key),
    inCache: () => client.getQueryCache().find({ queryKey: key, exact: true }) !== undefined,
    watch: () => new QueryObserver(client, { queryKey: key, queryFn, staleTime: Infinity }).subscribe(() => {}),
  };
}

const clients: QueryClient[] = [];
const newClient = () => {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  clients.push(client);
  return client;
};
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

describe('the table of what each change refreshes', () => {
  it('is checked against the router by the compiler', () => {
    const withoutOne: Omit<typeof REFRESHES, 'reflection.save'> = REFRESHES;
    // @ts-expect-error A mutation without an entry is a type error.
    const incomplete: typeof REFRESHES = withoutOne;
    // @ts-expect-error So is an entry naming a query that does not exist.
    const unknownQuery: Refresh = ['dashboard.nothing'];
    // @ts-expect-error And a query named as if it were a mutation.
    const notAMutation: typeof REFRESHES = { ...REFRESHES, 'dashboard.get': [] };
    expect([incomplete, unknownQuery, notAMutation]).toHaveLength(3);
  });

  it('has the views a check-in, a focus and a coach change touch', () => {
    expect(REFRESHES['assessment.submit']).toEqual(
      expect.arrayContaining(['dashboard.get', 'suggestion.next', 'assessment.weekStatus', 'coach.roster']),
    );
    expect(REFRESHES['focus.adopt']).toEqual(
      expect.arrayContaining(['focus.list', 'suggestion.next', 'dashboard.get']),
    );
    expect(REFRESHES['coach.assignFocus']).toEqual(expect.arrayContaining(['coach.focus', 'suggestion.next']));
    // Ending a coach's access ends the questionnaires they scheduled: none may stay on screen as due.
    expect(REFRESHES['couple.revokeCoach']).toEqual(
      expect.arrayContaining(['couple.get', 'measure.due', 'measure.assignments', 'measure.results']),
    );
    for (const path of ['couple.join', 'couple.leave', 'couple.create', 'account.import'] as const)
      expect(REFRESHES[path]).toBe('everything');
  });

  it('reads the path from tRPC keys, and nothing from other keys', () => {
    expect(procedurePathOf(mutationKey('reflection.save'))).toBe('reflection.save');
    expect(procedurePathOf(queryKey('dashboard.get', { range: '12w' }))).toBe('dashboard.get');
    expect(procedurePathOf(undefined)).toBeNull();
    expect(procedurePathOf(['download'])).toBeNull();
    expect(refreshOf(mutationKey('reflection.save'))).toEqual(['reflection.list']);
    expect(refreshOf(mutationKey('no.such'))).toBeNull();
    expect(refreshOf(mutationKey('toString'))).toBeNull();
  });
});

describe('refreshAfter', () => {
  it('fetches again what is on screen, waits for it, drops what is not, and leaves the rest alone', async () => {
    const client = newClient();
    const status = cached(client, queryKey('assessment.weekStatus', { week: '2026-W48' }));
    const dashboard12w = cached(client, queryKey('dashboard.get', { range: '12w' }));
    const dashboardAll = cached(client, queryKey('dashboard.get', { range: 'all' }));
    const reflections = cached(client, queryKey('reflection.list', { practiceId: 'trust' }));
    const stopStatus = status.watch();
    const stopDashboard = dashboard12w.watch();
    const stopReflections = reflections.watch();

    await refreshAfter(client, mutationKey('assessment.submit'));

    expect([status.data(), dashboard12w.data()]).toEqual(['answer 1', 'answer 1']);
    expect(dashboardAll.inCache()).toBe(false);
    expect([reflections.fetches(), reflections.data()]).toEqual([0, 'answer 0']);
    stopStatus();
    stopDashboard();
    stopReflections();
  });

  it('refreshes everything after joining or leaving, and nothing for a change of person or a download', async () => {
    const client = newClient();
    const reflections = cached(client, queryKey('reflection.list'));
    const stop = reflections.watch();
    const practices = cached(client, queryKey('practice.list'));

    await refreshAfter(client, mutationKey('auth.login'));
    await refreshAfter(client, undefined);
    await refreshAfter(client, mutationKey('auth.changePassword'));
    expect([reflections.fetches(), practices.inCache()]).toEqual([0, true]);

    await refreshAfter(client, mutationKey('couple.leave'));
    expect(reflections.data()).toBe('answer 1');
    expect(practices.inCache()).toBe(false);
    stop();
  });

  it("runs on the app's query client for every mutation, before mutateAsync resolves", async () => {
    const focus = cached(appQueryClient, queryKey('focus.list'));
    const stop = focus.watch();
    const mutation = appQueryClient.getMutationCache().build(appQueryClient, {
      mutationKey: mutationKey('focus.adopt'),
      mutationFn: () => Promise.resolve({ ok: true }),
    });
    await mutation.execute(undefined);
    expect(focus.data()).toBe('answer 1');
    stop();
    appQueryClient.clear();
  });
});

describe('draft keys', () => {
  it('are version 4 UUIDs the server accepts, different each time, with or without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const withoutRandomUuid = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const keys = [newDraftKey(), newDraftKey(), newDraftKey(withoutRandomUuid), newDraftKey(withoutRandomUuid)];
    for (const key of keys) {
      expect(key).toMatch(uuid);
      expect(draftKeySchema.safeParse(key).success).toBe(true);
    }
    expect(new Set(keys).size).toBe(4);
  });
});
