import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DashboardDto } from '#shared/schemas/dashboard.schema';
import { addWeeks } from '#shared/week';
import type { DB } from '#server/db/database';
import { openPostgres, type OpenPostgresDatabase } from '#server/db/postgres';
import { createDeps } from '#server/deps';
import { exportDigest } from '#server/services/account-export.service';
import type { AccountExport } from '#shared/schemas/account-export.schema';
import type { SessionCookie } from '#server/services/session.service';
import { createContext } from '#server/trpc/context';
import { createCaller } from '#server/trpc/router';
import { snapshot, tableNames } from '../helpers/db-state';
import { connectCoach, pairedCouple, PASSWORD, signUpCoach, THIS_WEEK, WEDNESDAY } from '../helpers/factories';
import { launchArgs } from '../helpers/launch';
import { ratingsOf } from '../helpers/ratings';
import { sqlRow } from '../helpers/raw-sql';
import { createTestApp, TEST_CONFIG, type Caller } from '../helpers/test-app';
import { withDatabaseName } from '../helpers/test-database';

// The target is a real PostgreSQL server, so this file runs in the integration-postgres project only
// (vitest.config.ts leaves it out of the SQLite run). The source is a SQLite file in both.

const NOW = WEDNESDAY;
const WEEKS_OF_HISTORY = 30;
/** Put in every target URL: trust authentication ignores it, and it must never be printed. */
const PASSWORD_IN_URL = 'not-to-be-printed-7d1f';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- copy-to-postgres <url>` as an administrator runs it, in its own process. */
function copyToPostgres(url: string, file: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_PATH: file };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, launchArgs('scripts/admin.ts', 'copy-to-postgres', url), {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const created: string[] = [];

/**
 * A new, empty database on the run's PostgreSQL server. It sorts text in a language's order (ICU, en-US), as
 * managed servers often do, where "B" comes after "a": the copy's checksums must not depend on that.
 */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `copy_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(withDatabaseName(adminUrl, name));
  url.password = PASSWORD_IN_URL;
  return url.toString();
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

/** The router over an open database, at NOW: the app as a browser reaches it, one cookie jar per session. */
function appOver(db: DB) {
  const deps = createDeps(db, TEST_CONFIG, () => NOW);
  return {
    session(token?: string) {
      const jar = { token };
      const cookie: SessionCookie = {
        read: () => jar.token,
        set: (value) => {
          jar.token = value;
        },
        clear: () => {
          jar.token = undefined;
        },
      };
      return { jar, api: async (): Promise<Caller> => createCaller(await createContext(deps, cookie)) };
    },
  };
}

/** Everything a person's dashboards answer: the couple's (or, for a coach, each of their couples') in every range. */
async function dashboards(api: Caller, coupleId?: string) {
  const answers: Record<string, unknown> = {};
  for (const range of ['12w', '6m', 'all'] as const)
    answers[range] = await api.dashboard.get(coupleId ? { coupleId, range } : { range });
  return answers;
}

async function countsOf(target: { database: { db: DB } }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(target)) {
    counts[table] = Number((await sqlRow<{ n: number }>(target, `select count(*) as n from "${table}"`))!.n);
  }
  return counts;
}

interface Person {
  email: string;
  coupleId?: string;
}

let dir: string;
let file: string;
let people: Record<'zoe' | 'ana' | 'coach', Person>;
let demo: { token: string; coupleId: string };
let sqliteAnswers: Record<string, unknown>;
let sqliteCounts: Record<string, number>;

/** A SQLite installation built through the real app: what a practice moving to PostgreSQL would bring. */
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-copy-'));
  file = path.join(dir, 'tandem.db');
  const app = await createTestApp({}, NOW, { file });
  // Names that sort differently by bytes and by language ("Émile" after "Zoë" in bytes, before it in English).
  const couple = await pairedCouple(app, ['Zoë', 'ana']);
  const coach = await signUpCoach(app, 'Émile');
  await connectCoach(couple, coach);
  const [zoe, ana, coachApi] = [await couple.a.api(), await couple.b.api(), await coach.api()];
  for (let back = WEEKS_OF_HISTORY; back >= 0; back -= 1) {
    const week = addWeeks(THIS_WEEK, -back);
    const note = back % 4 === 0 ? `Week ${week}: a calmer one — «merci», 🙂` : null;
    await zoe.assessment.submit({ week, ratings: ratingsOf((_, i) => 1 + ((back + i) % 10)), note });
    if (back % 3 !== 1) await ana.assessment.submit({ week, ratings: ratingsOf((_, i) => 10 - ((back * i) % 10)) });
  }
  await zoe.reflection.save({ practiceId: 'trust', body: 'What trust means to us', visibility: 'partner_and_coach' });
  await ana.reflection.save({ practiceId: 'presence', body: 'Private: phones away at dinner' });
  await zoe.focus.adopt({ practiceId: 'empathy' });
  await coachApi.coach.addNote({ coupleId: couple.coupleId, body: 'First session: listening exercises.' });
  await coachApi.coach.addNote({ coupleId: couple.coupleId, body: 'Bien avancé depuis la dernière fois.' });
  await coachApi.coach.assignFocus({ coupleId: couple.coupleId, practiceId: 'trust', note: 'Start small.' });
  // A measure scored by the mean, so scores such as 3.67 cross as `double precision`; and one restored from a file.
  const { measureId } = await coachApi.measure.create({
    name: 'Soirées',
    items: [
      { text: 'We ate together.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Always' },
      { text: 'I went to bed upset.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Always', reverse: true },
      { text: 'We made plans.', min: 1, max: 5, minLabel: 'Never', maxLabel: 'Always' },
    ],
    scoring: 'mean',
    cutoff: { value: 2.5, direction: 'below' },
    reliableChange: 0.75,
  });
  const { assignmentId } = await coachApi.measure.assign({
    coupleId: couple.coupleId,
    measureId,
    everyWeeks: 1,
    visibleToCouple: true,
  });
  await zoe.measure.answer({ assignmentId, period: THIS_WEEK, answers: [4, 2, 3] });
  await ana.measure.answer({ assignmentId, period: THIS_WEEK, answers: [1, 5, 2] });
  const zoeFile: Omit<AccountExport, 'integrity'> & { integrity?: string } = await zoe.account.export();
  delete zoeFile.integrity;
  zoeFile.measureAnswers![0]!.name = 'Soirées, before';
  await zoe.account.import({ ...zoeFile, integrity: exportDigest(zoeFile) });
  const visitor = await app.client();
  const demoUser = await (await visitor.api()).demo.start();
  demo = { token: visitor.jar.token!, coupleId: demoUser.coupleId! };

  people = {
    zoe: { email: couple.a.email },
    ana: { email: couple.b.email },
    coach: { email: coach.email, coupleId: couple.coupleId },
  };
  sqliteAnswers = {
    zoe: await dashboards(zoe),
    ana: await dashboards(ana),
    coach: await dashboards(coachApi, couple.coupleId),
    demo: await dashboards(await visitor.api()),
  };
  // Answers worth comparing: Zoë's whole history is there, and the demo's six months.
  expect((sqliteAnswers.zoe as { all: DashboardDto }).all.connection.filter((p) => p.values[0] !== null)).toHaveLength(
    WEEKS_OF_HISTORY + 1,
  );
  expect((sqliteAnswers.demo as { all: DashboardDto }).all.connection.length).toBeGreaterThan(20);
  sqliteCounts = await countsOf(app);
  for (const table of [
    'assessments',
    'reflections',
    'coach_notes',
    'coach_links',
    'couple_focuses',
    'activity_events',
    'measures',
    'measure_versions',
    'measure_assignments',
    'measure_answers',
  ])
    expect(sqliteCounts[table], table).toBeGreaterThan(0);
  // The server is stopped before the copy, as docs/operations.md says.
  await app.close();
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run admin -- copy-to-postgres', () => {
  let url: string;
  let target: OpenPostgresDatabase;

  beforeAll(async () => {
    url = await emptyDatabase();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('copies every table, checks each, and says so without showing the password', async () => {
    const run = await copyToPostgres(url, file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = run.stdout;
    expect(output).not.toContain(PASSWORD_IN_URL);
    expect(output).toContain(`Copying ${file} into postgres://postgres@`);
    for (const [table, rows] of Object.entries(sqliteCounts)) {
      if (table.startsWith('kysely_migration')) continue;
      expect(output).toMatch(new RegExp(`^ +${table} +${rows} rows +checksum [0-9a-f]{16} +OK$`, 'm'));
    }
    const total = Object.entries(sqliteCounts)
      .filter(([table]) => !table.startsWith('kysely_migration'))
      .reduce((sum, [, rows]) => sum + rows, 0);
    expect(output).toMatch(new RegExp(`^Copied ${total} rows in \\d+ tables in \\d+\\.\\d s: .*Committed\\.$`, 'm'));

    target = openPostgres(url, { poolSize: 2 });
    // The migrator's tables too: both databases are at the same, latest migration.
    expect(await countsOf({ database: target })).toEqual(sqliteCounts);
  }, 60_000);

  it('refuses a second copy into the database now holding data, and changes nothing', async () => {
    const before = await snapshot({ database: target });
    const run = await copyToPostgres(url, file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^The PostgreSQL database at postgres:\/\/postgres@.* is not empty \(rows in .*users.*\)/),
    ]);
    expect(run.stderr).not.toContain(PASSWORD_IN_URL);
    expect(await snapshot({ database: target })).toEqual(before);
  }, 60_000);

  it('lets the same people log in with their passwords and see the same dashboards', async () => {
    const app = appOver(target.db);
    const answers: Record<string, unknown> = {};
    for (const [name, person] of Object.entries(people)) {
      const browser = app.session();
      await (await browser.api()).auth.login({ email: person.email, password: PASSWORD });
      expect(browser.jar.token).toEqual(expect.any(String));
      answers[name] = await dashboards(await browser.api(), person.coupleId);
    }
    // The demo visitor has no password: the session made on SQLite carries on.
    const visitor = app.session(demo.token);
    answers.demo = await dashboards(await visitor.api());
    expect(answers).toEqual(sqliteAnswers);
    expect((await (await visitor.api()).auth.me())?.coupleId).toBe(demo.coupleId);
  }, 60_000);
});

describe('copy-to-postgres refuses', () => {
  it('a target it cannot reach, or a URL that is not PostgreSQL, with one line and exit code 1', async () => {
    const unreachable = `postgres://postgres:${PASSWORD_IN_URL}@127.0.0.1:1/tandem`;
    const runs = await Promise.all([
      copyToPostgres(unreachable, file),
      copyToPostgres('mysql://root@localhost/tandem', file),
      copyToPostgres(withDatabaseName(inject('postgresAdminUrl'), 'no_such_database'), file),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain(PASSWORD_IN_URL);
    }
    expect(runs[0].stderr).toMatch(
      /^Could not use the PostgreSQL database at postgres:\/\/postgres@127\.0\.0\.1:1\/tandem: nothing answers/,
    );
    expect(runs[1].stderr).toMatch(/^The target must be a PostgreSQL URL/);
    expect(runs[2].stderr).toMatch(/"no_such_database" does not exist; create it first/);
  }, 60_000);

  it('a copy that does not read back the same, rolling it all back', async () => {
    // A byte string where the app writes text, as a hand edit of the file could leave: PostgreSQL stores it as text,
    // so what it holds is no longer what SQLite held, and only the checksum can tell.
    const edited = editedCopy("update coach_notes set body = cast(body as blob) where body like 'First session%'");
    const url = await emptyDatabase();
    const run = await copyToPostgres(url, edited);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ +coach_notes +2 rows in SQLite, 2 in PostgreSQL; checksum .* DIFFERENT$/m);
    expect(run.stdout).toMatch(/^ +users +\d+ rows +checksum [0-9a-f]{16} +OK$/m);
    expect(run.stderr.trim()).toMatch(
      /^What PostgreSQL holds differs from the SQLite database in coach_notes: the copy was rolled back, and postgres:\/\/postgres@[^ ]+ holds no app data\.$/,
    );
    expect(await appRows(url)).toBe(0);
  }, 60_000);

  it('a row PostgreSQL cannot hold, rolling it all back', async () => {
    // SQLite keeps a NUL character inside text; PostgreSQL's text cannot hold one.
    const edited = editedCopy("update coach_notes set body = 'before' || char(0) || 'after' where body like 'Bien%'");
    const url = await emptyDatabase();
    const run = await copyToPostgres(url, edited);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^PostgreSQL refused a row of coach_notes \(.*0x00.*\): the copy was rolled back/),
    ]);
    expect(await appRows(url)).toBe(0);
  }, 60_000);
});

/** A copy of the source with one change made directly in the file, as no app path would. */
function editedCopy(change: string): string {
  const edited = path.join(dir, `edited-${randomUUID()}.db`);
  fs.copyFileSync(file, edited);
  const sqlite = new SQLite(edited);
  try {
    sqlite.prepare(change).run();
  } finally {
    sqlite.close();
  }
  return edited;
}

/** Rows in the app's tables of the database at `url` (the migrator's own aside). */
async function appRows(url: string): Promise<number> {
  const database = openPostgres(url, { poolSize: 1 });
  try {
    const counts = await countsOf({ database });
    return Object.entries(counts)
      .filter(([table]) => !table.startsWith('kysely_migration'))
      .reduce((sum, [, rows]) => sum + rows, 0);
  } finally {
    await database.close();
  }
}
