import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, normalizeInviteCode } from '#server/auth/secrets';
import { uniqueEmail } from '../helpers/emails';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';
import { sqlRow, sqlRows, sqlRun } from '../helpers/raw-sql';

// Joins that arrive at the same moment, over HTTP, on the real server. On SQLite the one connection runs their
// transactions one after the other; on PostgreSQL each request gets its own pooled connection and the two
// transactions really run side by side, so only the isolation of the join keeps a couple at two partners.
// Each case runs several rounds: a race that is lost once in a while is still a race lost.

const ROUNDS = 6;
const PASSWORD = 'correct horse battery';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ clientDir: null, ipRateLimit: false });
});
afterAll(() => server?.close());

async function partner(name: string): Promise<{ client: HttpClient; id: string }> {
  const client = new HttpClient(server.baseUrl);
  const email = uniqueEmail(name);
  const response = await client.mutation('auth.signup', {
    email,
    password: PASSWORD,
    displayName: name,
    role: 'partner',
  });
  expect(response.status).toBe(200);
  return { client, id: response.body.result.data.id as string };
}

async function createCouple(owner: HttpClient): Promise<{ coupleId: string; inviteCode: string }> {
  const response = await owner.mutation('couple.create', {});
  expect(response.status).toBe(200);
  return response.body.result.data as { coupleId: string; inviteCode: string };
}

const membersOf = async (coupleId: string) =>
  (await sqlRows<{ user_id: string }>(server, 'select user_id from couple_members where couple_id = ?', coupleId))
    .map((row) => row.user_id)
    .sort();

const couplesOf = async (userId: string) =>
  (await sqlRows<{ couple_id: string }>(server, 'select couple_id from couple_members where user_id = ?', userId)).map(
    (row) => row.couple_id,
  );

/** A second open code for the same couple: the API keeps one at a time, so two people can only race with two. */
async function plantSecondCode(coupleId: string, createdBy: string): Promise<string> {
  const code = `RACE-${Math.random().toString(36).slice(2, 6).toUpperCase()}-ZZZZ-ZZZZ-ZZZZ`;
  const now = new Date();
  await sqlRun(
    server,
    'insert into couple_invites (code_hash, couple_id, created_by, created_at, expires_at) values (?, ?, ?, ?, ?)',
    hashSecret(normalizeInviteCode(code)),
    coupleId,
    createdBy,
    now.toISOString(),
    new Date(now.getTime() + 60 * 60 * 1000).toISOString(),
  );
  return code;
}

describe('two joins at the same moment', () => {
  it('for the last seat of one couple, each with a code of its own: one joins, the other is told the couple is full', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const ana = await partner('Ana');
      const [ben, cat] = [await partner('Ben'), await partner('Cat')];
      const { coupleId, inviteCode } = await createCouple(ana.client);
      const secondCode = await plantSecondCode(coupleId, ana.id);

      const [byBen, byCat] = await Promise.all([
        ben.client.mutation('couple.join', { inviteCode }),
        cat.client.mutation('couple.join', { inviteCode: secondCode }),
      ]);

      expect([byBen.status, byCat.status].sort(), `round ${round}`).toEqual([200, 409]);
      const [winner, loser, lost] = byBen.status === 200 ? [ben, cat, byCat] : [cat, ben, byBen];
      expect(lost.body.error.message).toBe('This couple already has both partners.');
      expect(await membersOf(coupleId)).toEqual([ana.id, winner.id].sort());
      expect(await couplesOf(loser.id)).toEqual([]);
      expect((await loser.client.query('auth.me')).body.result.data.coupleId).toBeNull();
      // The loser's code was not used up by the attempt that failed.
      const loserCode = loser === ben ? inviteCode : secondCode;
      expect(
        await sqlRow(
          server,
          'select used_at, used_by from couple_invites where code_hash = ?',
          hashSecret(normalizeInviteCode(loserCode)),
        ),
      ).toEqual({ used_at: null, used_by: null });
    }
  });

  it('with the same code: one joins, the other is told the code was used', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const ana = await partner('Ana');
      const [ben, cat] = [await partner('Ben'), await partner('Cat')];
      const { coupleId, inviteCode } = await createCouple(ana.client);

      const responses = await Promise.all([
        ben.client.mutation('couple.join', { inviteCode }),
        cat.client.mutation('couple.join', { inviteCode }),
      ]);

      expect(responses.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.message).toBe(
        'This invite code has already been used.',
      );
      const members = await membersOf(coupleId);
      expect(members).toHaveLength(2);
      expect(members).toContain(ana.id);
    }
  });

  it('of one person into two couples: they end up in exactly one, and the other couple is untouched', async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const [ana, dan] = [await partner('Ana'), await partner('Dan')];
      const ben = await partner('Ben');
      const first = await createCouple(ana.client);
      const second = await createCouple(dan.client);
      // The same browser session, as two tabs would send them.
      const [intoFirst, intoSecond] = await Promise.all([
        ben.client.mutation('couple.join', { inviteCode: first.inviteCode }),
        ben.client.mutation('couple.join', { inviteCode: second.inviteCode }),
      ]);

      expect([intoFirst.status, intoSecond.status].sort(), `round ${round}`).toEqual([200, 409]);
      const [joined, other, lost] = intoFirst.status === 200 ? [first, second, intoSecond] : [second, first, intoFirst];
      expect(lost.body.error.message).toBe("You're already in a couple, so you can't join another.");
      expect(await couplesOf(ben.id)).toEqual([joined.coupleId]);
      expect(await membersOf(other.coupleId)).toHaveLength(1);
      expect(
        await sqlRow(
          server,
          'select used_at from couple_invites where code_hash = ?',
          hashSecret(normalizeInviteCode(other.inviteCode)),
        ),
      ).toEqual({ used_at: null });
      expect((await ben.client.query('auth.me')).body.result.data.coupleId).toBe(joined.coupleId);
    }
  });
});
