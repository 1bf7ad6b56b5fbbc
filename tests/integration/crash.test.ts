import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks } from '#shared/week';
import {
  createSharedDatabase,
  killHard,
  openSharedDatabase,
  postCheckIn,
  ratingsFor,
  seedPartners,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';
import { testDatabaseKind } from '../helpers/test-database';

const WRITERS = 6;
/** Each writer takes turns between a few people, so weeks (from 1970 up to now) never run out on a fast machine. */
const PEOPLE_PER_WRITER = 4;
/** As many kills as fit in the time budget, between these bounds: a start-up takes 1 s on a quiet machine, 5 on a busy one. */
const MOST_KILLS = 20;
const FEWEST_KILLS = 6;
const BUDGET_MS = 25_000;
/** How long a restarted server may take to acknowledge its first write before the test gives up on it. */
const FIRST_WRITE_MS = 15_000;

/**
 * Resolves once `flowing` does, or throws: when a writer failed, or after FIRST_WRITE_MS with what the server printed
 * (a server that takes connections and never answers ends the test with that, not with the test's timeout).
 */
async function firstWrite(flowing: Promise<void>, writers: Promise<void[]>, server: ServerProcess): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no check-in acknowledged within ${FIRST_WRITE_MS} ms:\n${server.output()}`)),
      FIRST_WRITE_MS,
    );
  });
  try {
    await Promise.race([flowing, writers, silent]);
  } finally {
    clearTimeout(timer);
  }
}

let running: ServerProcess | undefined;
// A SQLite file, or a PostgreSQL database in the PostgreSQL run: the server's promise is the same on both.
let shared: SharedDatabase;
beforeAll(async () => {
  shared = await createSharedDatabase();
});
afterAll(async () => {
  if (running) await killHard(running);
  await shared?.remove();
});

interface Acknowledged {
  userId: string;
  week: string;
  ratings: Record<string, number>;
}

const isMissing = (stored: string | undefined, a: Acknowledged) =>
  stored === undefined || JSON.stringify(JSON.parse(stored)) !== JSON.stringify(a.ratings);

/**
 * Reads what the restarted server holds, as a second process would: the SQLite file with its integrity check, or the
 * PostgreSQL database (which checks its own pages and log on recovery).
 */
async function checkStored(acknowledged: Acknowledged[]): Promise<{ integrity: unknown; missing: Acknowledged[] }> {
  if (testDatabaseKind() === 'sqlite') return checkFile(shared.target, acknowledged);
  const database = await openSharedDatabase(shared.target);
  try {
    const rows = await database.db.selectFrom('assessments').select(['user_id', 'week', 'ratings']).execute();
    const stored = new Map(rows.map((row) => [`${row.user_id} ${row.week}`, row.ratings]));
    return { integrity: 'ok', missing: acknowledged.filter((a) => isMissing(stored.get(`${a.userId} ${a.week}`), a)) };
  } finally {
    await database.close();
  }
}

function checkFile(file: string, acknowledged: Acknowledged[]): { integrity: unknown; missing: Acknowledged[] } {
  const reader = new SQLite(file, { readonly: true });
  try {
    const integrity = reader.pragma('integrity_check', { simple: true });
    const find = reader.prepare('select ratings from assessments where user_id = ? and week = ?');
    const missing = acknowledged.filter((a) =>
      isMissing((find.get(a.userId, a.week) as { ratings: string } | undefined)?.ratings, a),
    );
    return { integrity, missing };
  } finally {
    reader.close();
  }
}

describe(`a server killed with SIGKILL in the middle of writes, on ${testDatabaseKind()}`, () => {
  it(`keeps every acknowledged check-in and an intact database, over ${FEWEST_KILLS} to ${MOST_KILLS} kills`, async () => {
    const started = Date.now();
    const people = await seedPartners(shared.target, WRITERS * PEOPLE_PER_WRITER);
    // Every write is a new week of its person, so every acknowledgement names exactly one row.
    const writes = Array.from({ length: WRITERS }, () => 0);
    const acknowledged: Acknowledged[] = [];
    let lostInFlight = 0;

    let kills = 0;
    for (;;) {
      running = await startServerProcess(null, shared.env);
      const after = await checkStored(acknowledged);
      expect(after.integrity, `integrity after restart ${kills}`).toBe('ok');
      expect(after.missing, `acknowledged writes missing after restart ${kills}`).toEqual([]);
      const outOfTime = Date.now() - started > BUDGET_MS;
      if (kills === MOST_KILLS || (kills >= FEWEST_KILLS && outOfTime)) break;

      const server = running;
      let alive = true;
      let firstAcknowledged = () => {};
      const flowing = new Promise<void>((resolve) => (firstAcknowledged = resolve));
      const writers = writes.map(async (_, w) => {
        while (alive) {
          const n = writes[w]!++;
          const partner = people[w * PEOPLE_PER_WRITER + (n % PEOPLE_PER_WRITER)]!;
          const week = addWeeks('1970-W01', Math.floor(n / PEOPLE_PER_WRITER));
          const ratings = ratingsFor(n + w);
          try {
            const response = await postCheckIn(server.baseUrl, partner.cookie, week, ratings);
            if (response.status !== 200)
              throw new Error(`check-in answered ${response.status}: ${await response.text()}`);
            // The status line is the acknowledgement; the body may be cut off by the kill.
            acknowledged.push({ userId: partner.userId, week, ratings });
            firstAcknowledged();
            await response.arrayBuffer();
          } catch (error) {
            if (alive && (error as Error).message.startsWith('check-in answered')) throw error;
            lostInFlight++;
            return;
          }
        }
      });
      // A random moment once writes are flowing (the first one acknowledged: a server just started answers its first
      // requests slowly, most of all on a busy machine): sometimes mid-commit, sometimes between requests.
      await firstWrite(flowing, Promise.all(writers), server);
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
      await killHard(server);
      kills++;
      alive = false;
      await Promise.all(writers);
    }
    await killHard(running);
    running = undefined;

    // The test only means something if it wrote a lot and the kills caught writes in flight.
    console.log(`${kills} kills, ${acknowledged.length} acknowledged check-ins, ${lostInFlight} requests cut off`);
    expect(kills).toBeGreaterThanOrEqual(FEWEST_KILLS);
    expect(acknowledged.length).toBeGreaterThan(kills * 3);
    expect(lostInFlight).toBeGreaterThan(0);
  }, 120_000);
});
