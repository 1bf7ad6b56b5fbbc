/**
 * Synthetic couples with years of weekly check-ins, for benchmarks. Raw SQL through prepared better-sqlite3
 * statements in large transactions (a script may; the app goes through Kysely), but every value is shaped like the
 * app's own: UUID ids, ISO-8601 UTC text timestamps, ratings as the JSON the app writes, 0/1 flags.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { generateHistory, seededRandom, type PersonProfile } from '#shared/domain/synthetic-history';
import { PRACTICE_IDS, type PracticeId } from '#shared/practices';
import { addWeeks, currentWeek, weekRange, weeksBetween, weekStart, type Week } from '#shared/week';
import { openDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { ratingsJson } from '#server/db/ratings-encoding';

export const DEFAULT_SYNTHETIC_DB = 'data/synthetic.db';
/** Not a scrypt hash, so no password ever matches it: synthetic people can only be reached through a session. */
export const SYNTHETIC_PASSWORD_HASH = '!synthetic';
const SKIP_RATE = 0.1;
const COUPLES_PER_TRANSACTION = 50;
const STALE_WEEKS = 4;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const syntheticEmail = (n: number, side: 'a' | 'b') => `synthetic-${n}-${side}@example.invalid`;

export interface SeedOptions {
  file: string;
  couples: number;
  weeks: number;
  log?: (line: string) => void;
  now?: Date;
}

export interface SyntheticSummary {
  couples: number;
  weeks: number;
  checkIns: number;
  firstWeek: Week | null;
  lastWeek: Week | null;
  otherUsers: number;
}

export interface SeedResult extends SyntheticSummary {
  reused: boolean;
  ms: number;
}

/** What a synthetic database holds, read without writing to it; null when there is no such file or schema. */
export function inspectSynthetic(file: string): SyntheticSummary | null {
  if (!fs.existsSync(file)) return null;
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const hasUsers = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'users'").get();
    if (!hasUsers) return null;
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const synthetic = count("select count(*) as n from users where email like 'synthetic-%@example.invalid'");
    const range = sqlite
      .prepare('select min(week) as first, max(week) as last, count(*) as n from assessments')
      .get() as {
      first: Week | null;
      last: Week | null;
      n: number;
    };
    return {
      couples: count("select count(*) as n from users where email like 'synthetic-%-a@example.invalid'"),
      weeks: range.first && range.last ? weeksBetween(range.first, range.last) + 1 : 0,
      checkIns: range.n,
      firstWeek: range.first,
      lastWeek: range.last,
      otherUsers: count('select count(*) as n from users') - synthetic,
    };
  } finally {
    sqlite.close();
  }
}

/**
 * Makes sure `file` holds exactly `couples` synthetic couples with `weeks` weeks of history ending last week (up to
 * four weeks stale is accepted). Seeds into `<file>.partial` and renames at the end, so a file is always complete.
 */
export async function ensureSyntheticDatabase(options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const now = options.now ?? new Date();
  const lastWeek = addWeeks(currentWeek(now), -1);
  const existing = inspectSynthetic(options.file);
  if (existing) {
    const fresh = existing.lastWeek !== null && weeksBetween(existing.lastWeek, lastWeek) <= STALE_WEEKS;
    if (
      existing.couples === options.couples &&
      existing.weeks === options.weeks &&
      existing.otherUsers === 0 &&
      fresh
    ) {
      // Seeded by an older version: bring its schema up to date, as the server would at start.
      const database = openDatabase(options.file);
      try {
        await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
      return { ...existing, reused: true, ms: performance.now() - started };
    }
    if (existing.otherUsers > 0) {
      throw new Error(
        `${options.file} has ${existing.otherUsers} users that are not synthetic; refusing to replace it.`,
      );
    }
    log(
      `${options.file} holds ${existing.couples} couples x ${existing.weeks} weeks ending ${existing.lastWeek ?? '-'}; ` +
        `rebuilding for ${options.couples} x ${options.weeks} ending ${lastWeek}.`,
    );
  }

  const partial = `${options.file}.partial`;
  removeDatabaseFiles(partial);
  const checkIns = await seedInto(partial, options, now, log);
  removeDatabaseFiles(options.file);
  fs.renameSync(partial, options.file);
  return {
    couples: options.couples,
    weeks: options.weeks,
    checkIns,
    firstWeek: addWeeks(lastWeek, -(options.weeks - 1)),
    lastWeek,
    otherUsers: 0,
    reused: false,
    ms: performance.now() - started,
  };
}

function removeDatabaseFiles(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** One synthetic couple as rows, in the order they must be written (the references point backwards). */
export interface SyntheticCoupleRows {
  couple: [id: string, createdAt: string];
  users: [id: string, email: string, passwordHash: string, displayName: string, createdAt: string][];
  members: [coupleId: string, userId: string, joinedAt: string][];
  assessments: [
    id: string,
    userId: string,
    week: Week,
    ratings: string,
    note: string | null,
    createdAt: string,
    updatedAt: string,
    ratingsChangedAt: string,
  ][];
}

/**
 * Couple number `n` over `weeks`: the same people, weeks and ratings on every run and on either database (the
 * random source is seeded by `n`); only the ids are new each time.
 */
export function syntheticCouple(n: number, weeks: Week[]): SyntheticCoupleRows {
  const firstMonday = weekStart(weeks[0]!).getTime();
  const random = seededRandom(Math.imul(n + 1, 0x9e3779b1));
  const coupleId = randomUUID();
  const coupleCreated = firstMonday - (1 + random() * 13) * DAY_MS;
  const rows: SyntheticCoupleRows = { couple: [coupleId, iso(coupleCreated)], users: [], members: [], assessments: [] };
  const partners = (['a', 'b'] as const).map((side, index) => {
    const created = coupleCreated + index * (0.5 + random() * 3) * DAY_MS;
    return { id: randomUUID(), side, created, name: pick(NAMES, random) };
  });
  for (const partner of partners) {
    rows.users.push([
      partner.id,
      syntheticEmail(n, partner.side),
      SYNTHETIC_PASSWORD_HASH,
      partner.name,
      iso(partner.created),
    ]);
    rows.members.push([coupleId, partner.id, iso(partner.created + 1000)]);
    for (const entry of generateHistory(weeks, randomProfile(random), random)) {
      // Logged on the week's Sunday, mostly in the evening (UTC); now and then edited a little later.
      const created = weekStart(entry.week).getTime() + 6 * DAY_MS + (8 + random() * 15) * HOUR_MS;
      const updated = random() < 0.05 ? created + random() * 2 * HOUR_MS : created;
      const note = random() < 0.08 ? pick(NOTES, random) : null;
      rows.assessments.push([
        randomUUID(),
        partner.id,
        entry.week,
        ratingsJson(entry.ratings),
        note,
        iso(created),
        iso(updated),
        iso(created),
      ]);
    }
  }
  return rows;
}

/** The weeks a seed covers: `weeks` of them, ending last week. */
export function syntheticWeeks(weeks: number, now: Date): Week[] {
  const thisWeek = currentWeek(now);
  return weekRange(addWeeks(thisWeek, -weeks), addWeeks(thisWeek, -1));
}

export const USER_COLUMNS = 'id, email, password_hash, display_name, role, is_demo, created_at';
export const ASSESSMENT_COLUMNS = 'id, user_id, week, ratings, note, created_at, updated_at, ratings_changed_at';

async function seedInto(file: string, options: SeedOptions, now: Date, log: (line: string) => void): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = openDatabase(file);
  await migrateToLatest(database.db);
  const { sqlite } = database;
  // A half-written .partial file is thrown away, so durability during the seed buys nothing.
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');

  const insertUser = sqlite.prepare(`insert into users (${USER_COLUMNS}) values (?, ?, ?, ?, 'partner', 0, ?)`);
  const insertCouple = sqlite.prepare('insert into couples (id, is_demo, created_at) values (?, 0, ?)');
  const insertMember = sqlite.prepare('insert into couple_members (couple_id, user_id, joined_at) values (?, ?, ?)');
  const insertAssessment = sqlite.prepare(
    `insert into assessments (${ASSESSMENT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const weeks = syntheticWeeks(options.weeks, now);
  let checkIns = 0;
  const seedBatch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const rows = syntheticCouple(n, weeks);
      insertCouple.run(...rows.couple);
      for (const user of rows.users) insertUser.run(...user);
      for (const member of rows.members) insertMember.run(...member);
      for (const assessment of rows.assessments) insertAssessment.run(...assessment);
      checkIns += rows.assessments.length;
    }
  });

  const progress = progressLog(options.couples, log);
  for (let from = 0; from < options.couples; from += COUPLES_PER_TRANSACTION) {
    const to = Math.min(options.couples, from + COUPLES_PER_TRANSACTION);
    seedBatch(from, to);
    progress(to, checkIns);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await database.close();
  return checkIns;
}

/** A line every two seconds, and one at the end. */
export function progressLog(couples: number, log: (line: string) => void): (done: number, checkIns: number) => void {
  const started = performance.now();
  let lastReport = started;
  return (done, checkIns) => {
    const t = performance.now();
    if (t - lastReport > 2000 || done === couples) {
      lastReport = t;
      const rate = Math.round(checkIns / ((t - started) / 1000));
      log(
        `  ${done}/${couples} couples, ${checkIns.toLocaleString('en')} check-ins, ${((t - started) / 1000).toFixed(1)} s (${rate.toLocaleString('en')}/s)`,
      );
    }
  };
}

/** A person: a baseline, some practices starting higher or lower, some growing (or slipping) over the years. */
function randomProfile(random: () => number): PersonProfile {
  const baseline = 4 + random() * 4;
  const start: Partial<Record<PracticeId, number>> = {};
  const drift: Partial<Record<PracticeId, number>> = {};
  for (const id of PRACTICE_IDS) {
    if (random() < 0.5) start[id] = Math.min(9.5, Math.max(1.5, baseline + (random() - 0.5) * 5));
    if (random() < 0.4) drift[id] = (random() - 0.3) * 4;
  }
  return { baseline, skipRate: SKIP_RATE * (0.5 + random()), start, drift };
}

const iso = (ms: number) => new Date(ms).toISOString();
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

const NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Robin',
  'Maya',
  'Noah',
  'Lea',
  'Omar',
  'Priya',
  'Jonas',
  'Aiko',
  'Mateo',
  'Zoe',
  'Idris',
  'Hana',
  'Lukas',
  'Amara',
  'Theo',
  'Ines',
  'Kofi',
  'Sofia',
  'Ravi',
  'Elif',
  'Finn',
  'Nadia',
  'Yusuf',
  'Clara',
  'Ben',
];

const NOTES = [
  'Long week at work. We barely saw each other until Saturday.',
  'The Sunday walk helped. We talked properly for the first time in a while.',
  'Felt closer this week.',
  'Tired and a bit short-tempered. Want to listen better.',
  'We tried the question jar. Some answers surprised me.',
  'Visited family; not much time for the two of us.',
  'Good week. We kept our evening check-in every day.',
];
