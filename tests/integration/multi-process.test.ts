import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks } from '#shared/week';
import { HttpClient } from '../helpers/http-server';
import {
  createSharedDatabase,
  killHard,
  openSharedDatabase,
  postCheckIn,
  ratingsFor,
  runToExit,
  seedPartners,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';
import { testDatabaseKind } from '../helpers/test-database';

// Real app processes over one database: a SQLite file in the `integration` run, a PostgreSQL database in the
// `integration-postgres` run. Whatever one process knows, the other must know at its next request.

const PASSWORD = 'correct horse battery';
/** Each sign-up and login hashes at the real cost: on a busy machine a handful of them take many seconds. */
const HASHING_TIMEOUT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let emailCount = 0;
const uniqueEmail = (name: string) => `${name}-${Date.now()}-${emailCount++}@example.test`;

async function signup(client: HttpClient, role: 'partner' | 'coach' = 'partner') {
  const email = uniqueEmail(role);
  const response = await client.mutation('auth.signup', { email, password: PASSWORD, displayName: 'Someone', role });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { email, id: response.body.result.data.id as string };
}

/** The same browser (its cookie) talking to another process. */
function sameBrowser(client: HttpClient, baseUrl: string): HttpClient {
  const other = new HttpClient(baseUrl);
  other.cookie = client.cookie;
  return other;
}

describe(`two app processes on one ${testDatabaseKind() === 'postgres' ? 'PostgreSQL database' : 'SQLite file'}`, () => {
  let shared: SharedDatabase;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    shared = await createSharedDatabase();
    // Started at once, as a deployment would: both apply migrations, and the migrator's lock lets one of them do it.
    // Per-address limits on, so they are counted where both processes see them.
    const started = await Promise.all(
      [0, 1].map(() => startServerProcess(null, { ...shared.env, TANDEM_IP_RATE_LIMIT: '1' })),
    );
    a = started[0]!;
    b = started[1]!;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((server) => killHard(server)));
    await shared?.remove();
  });

  it(
    'share sessions: one made on the first works on the second, and a logout on the second ends it on the first',
    async () => {
      const onA = new HttpClient(a.baseUrl);
      const person = await signup(onA);
      const onB = sameBrowser(onA, b.baseUrl);
      expect((await onB.query('auth.me')).body.result.data).toMatchObject({ id: person.id, email: person.email });

      expect((await onB.mutation('auth.logout')).status).toBe(200);
      expect((await onA.query('auth.me')).body.result.data).toBeNull();
    },
    HASHING_TIMEOUT_MS,
  );

  it(
    'count failed logins together: ten spread across both lock the account on either',
    async () => {
      const person = await signup(new HttpClient(a.baseUrl));
      // Four, four, then two at a time, half on each: a process hashes at most two at once for one email.
      for (const servers of [
        [a, a, b, b],
        [a, a, b, b],
        [a, b],
      ]) {
        const answers = await Promise.all(
          servers.map((server, i) =>
            new HttpClient(server.baseUrl).mutation('auth.login', { email: person.email, password: `guess ${i}` }),
          ),
        );
        expect(answers.map((r) => r.status)).toEqual(servers.map(() => 401));
      }
      for (const server of [a, b]) {
        // Locked, even with the right password: the eleventh attempt is refused on either process.
        const refused = await new HttpClient(server.baseUrl).mutation('auth.login', {
          email: person.email,
          password: PASSWORD,
        });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      }
    },
    HASHING_TIMEOUT_MS,
  );

  it(
    'count per-address limits together: ten demos started across both, and the eleventh is refused on either',
    async () => {
      for (let i = 0; i < 10; i++) {
        const started = await new HttpClient((i % 2 === 0 ? a : b).baseUrl).mutation('demo.start');
        expect(started.status, JSON.stringify(started.body)).toBe(200);
      }
      for (const server of [a, b]) {
        const refused = await new HttpClient(server.baseUrl).mutation('demo.start');
        expect(refused.status).toBe(429);
        expect(refused.body.error.message).toContain('Too many demos');
      }
    },
    HASHING_TIMEOUT_MS,
  );

  it(
    "refuse a coach on one at the next request once a partner revoked the coach's access through the other",
    async () => {
      const partnerOnA = new HttpClient(a.baseUrl);
      const coachOnB = new HttpClient(b.baseUrl);
      const [, coach] = await Promise.all([signup(partnerOnA), signup(coachOnB, 'coach')]);
      expect((await partnerOnA.mutation('couple.create', {})).status).toBe(200);
      const invite = await partnerOnA.mutation('couple.inviteCoach');
      const accepted = await coachOnB.mutation('coach.accept', { coachCode: invite.body.result.data.coachCode });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const coupleId = accepted.body.result.data.coupleId as string;

      const coachOnA = sameBrowser(coachOnB, a.baseUrl);
      expect((await coachOnA.query('couple.get', { coupleId })).status).toBe(200);

      const partnerOnB = sameBrowser(partnerOnA, b.baseUrl);
      expect((await partnerOnB.mutation('couple.revokeCoach', { coachId: coach.id })).status).toBe(200);
      expect((await coachOnA.query('couple.get', { coupleId })).status).toBe(403);
      // The roster only says that the access ended, with nothing of the couple's data.
      const roster = await coachOnA.query('coach.roster');
      expect(roster.body.result.data).toEqual([
        expect.objectContaining({ coupleId, partners: [], accessEndedAt: expect.any(String) }),
      ]);
    },
    HASHING_TIMEOUT_MS,
  );

  // Last here: it ends the first process.
  it('lose no acknowledged check-in when one is killed in the middle of writes, and the other keeps serving', async () => {
    const people = await seedPartners(shared.target, 8);
    const acknowledged: { userId: string; week: string; ratings: Record<string, number> }[] = [];
    let killed = false;
    let stopped = false;
    let cutOff = 0;
    // Four writers on each process, each checking in its own person week after week.
    const writers = people.map(async (person, w) => {
      const server = w % 2 === 0 ? a : b;
      for (let n = 0; !stopped; n++) {
        const week = addWeeks('1970-W01', n);
        const ratings = ratingsFor(n + w);
        try {
          const response = await postCheckIn(server.baseUrl, person.cookie, week, ratings);
          expect(response.status, await response.clone().text()).toBe(200);
          // The status line is the acknowledgement; the body may be cut off by the kill.
          acknowledged.push({ userId: person.userId, week, ratings });
          await response.arrayBuffer().catch(() => {});
        } catch (error) {
          if (!(killed && server === a)) throw error;
          cutOff++;
          return;
        }
      }
    });
    await sleep(300 + Math.random() * 300);
    const beforeKill = acknowledged.length;
    killed = true;
    await killHard(a);
    await sleep(500);
    stopped = true;
    await Promise.all(writers);

    console.log(`${acknowledged.length} acknowledged check-ins (${beforeKill} before the kill), ${cutOff} cut off`);
    expect(beforeKill).toBeGreaterThan(0);
    // The survivor kept writing after the kill.
    expect(acknowledged.length).toBeGreaterThan(beforeKill);
    expect((await fetch(`${b.baseUrl}/healthz`)).status).toBe(200);
    // The first process's people carry on through the second, with the sessions they had.
    const moved = await postCheckIn(b.baseUrl, people[0]!.cookie, addWeeks('1970-W01', 2000), ratingsFor(1));
    expect(moved.status).toBe(200);

    const database = await openSharedDatabase(shared.target);
    try {
      const stored = await database.db.selectFrom('assessments').select(['user_id', 'week', 'ratings']).execute();
      const byKey = new Map(stored.map((row) => [`${row.user_id} ${row.week}`, JSON.parse(row.ratings) as unknown]));
      const missing = acknowledged.filter((ack) => {
        const found = byKey.get(`${ack.userId} ${ack.week}`);
        return JSON.stringify(found) !== JSON.stringify(ack.ratings);
      });
      expect(missing).toEqual([]);
    } finally {
      await database.close();
    }
  }, 30_000);
});

/** The pids of the processes holding the server side of each of these client sockets (Linux's /proc). */
function ownersOf(serverPort: number, clientPorts: number[], candidates: number[]): number[] {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const inodeOf = new Map<number, string>();
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || !fields[1]!.endsWith(`:${hex(serverPort)}`)) continue;
    const remote = clientPorts.find((port) => fields[2]!.endsWith(`:${hex(port)}`));
    if (remote !== undefined) inodeOf.set(remote, fields[9]!);
  }
  const socketsOf = new Map(
    candidates.map((pid) => [
      pid,
      new Set(
        fs.readdirSync(`/proc/${pid}/fd`).map((fd) => {
          try {
            return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        }),
      ),
    ]),
  );
  return clientPorts.map((port) => {
    const owner = candidates.find((pid) => socketsOf.get(pid)!.has(`socket:[${inodeOf.get(port)}]`));
    if (owner === undefined) throw new Error(`No worker holds the connection from port ${port}`);
    return owner;
  });
}

/** A kept-alive connection that has had one answer from the server: who answered is whoever holds it now. */
async function answeredConnection(baseUrl: string): Promise<net.Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`));
    let seen = '';
    socket.on('data', (chunk) => {
      seen += String(chunk);
      if (seen.includes('{"status":"ok"}')) resolve();
    });
    socket.once('close', () => reject(new Error(`closed before answering: ${seen}`)));
  });
  return socket;
}

const workerPids = (output: string) => [...output.matchAll(/Worker (\d+) is serving/g)].map((m) => Number(m[1]));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WEB_CONCURRENCY=2', () => {
  let shared: SharedDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    shared = await createSharedDatabase();
  });
  afterAll(async () => {
    if (server) await killHard(server);
    await shared?.remove();
  });

  it('serves from two worker processes, replaces one that dies, and drains both on SIGTERM, exiting 0', async () => {
    server = await startServerProcess(null, { ...shared.env, WEB_CONCURRENCY: '2' });
    const running = server;
    expect(running.output().match(/running at/g)).toHaveLength(1);
    // Each worker's own line is written by that worker, on its own schedule: give it a moment to arrive.
    for (let i = 0; i < 50 && workerPids(running.output()).length < 2; i++) await sleep(100);
    const workers = workerPids(running.output());
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(running.child.pid);

    // node:cluster hands connections to the workers in turn: four connections, both workers answer.
    const port = Number(new URL(running.baseUrl).port);
    const sockets = await Promise.all(Array.from({ length: 4 }, () => answeredConnection(running.baseUrl)));
    const owners = ownersOf(
      port,
      sockets.map((s) => s.localPort!),
      workers,
    );
    for (const socket of sockets) socket.destroy();
    expect(new Set(owners)).toEqual(new Set(workers));

    // A worker that dies is replaced; the other serves meanwhile. (A connection handed to the worker in the instant it
    // died is lost with it, as its requests in flight are: node:cluster only stops handing it connections once it
    // hears of the death, so the check waits for that.)
    process.kill(workers[0]!, 'SIGKILL');
    for (let i = 0; i < 100 && !/stopped unexpectedly/.test(running.output()); i++) await sleep(50);
    expect(running.output()).toMatch(/stopped unexpectedly \(SIGKILL\); starting another/);
    expect((await fetch(`${running.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    for (let i = 0; i < 300 && workerPids(running.output()).length < 3; i++) await sleep(100);
    const replacement = workerPids(running.output())[2];
    expect(replacement, running.output()).toBeDefined();

    // SIGTERM to the primary: a request in flight (a sign-up hashes at full cost) still gets its answer.
    const inFlight = new HttpClient(running.baseUrl).mutation('auth.signup', {
      email: uniqueEmail('late'),
      password: PASSWORD,
      displayName: 'Late',
      role: 'partner',
    });
    await sleep(100);
    running.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('Every worker stopped cleanly.');
    expect(running.output().match(/Stopped cleanly/g)).toHaveLength(2);
    expect([workers[1]!, replacement!].filter(alive)).toEqual([]);
    server = undefined;
  }, 60_000);
});

/** A port on this machine where nothing listens. */
async function refusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('a DATABASE_URL where nothing answers', () => {
  it('ends the start with one line and no stack trace, exit code 1, with one process or several', async () => {
    const url = `postgres://tandem:secret@127.0.0.1:${await refusedPort()}/tandem`;
    const runs = await Promise.all(
      ['1', '2'].map((workers) => runToExit({ DATABASE_URL: url, WEB_CONCURRENCY: workers })),
    );
    for (const { code, output } of runs) {
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines, output).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Could not use the PostgreSQL database at postgres:\/\/tandem@127\.0\.0\.1:\d+\/tandem: nothing answers/,
      );
      // The password is never printed.
      expect(output).not.toContain('secret');
    }
  }, 30_000);
});
