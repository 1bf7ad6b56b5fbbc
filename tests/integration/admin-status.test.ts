import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#server/db/database';
import { pendingMigrations } from '#server/db/health';
import { MIGRATIONS } from '#server/db/migrator';
import { openPostgres } from '#server/db/postgres';
import { formatStatus, readStatus } from '#server/services/status.service';
import { addWeeks, weekOf } from '#shared/week';
import { launchArgs } from '../helpers/launch';
import { createSharedDatabase, openSharedDatabase, ratingsFor, type SharedDatabase } from '../helpers/server-process';
import { TEST_CONFIG } from '../helpers/test-app';
import { createPostgresDatabase, testDatabaseKind } from '../helpers/test-database';

const onPostgres = testDatabaseKind() === 'postgres';
/** Trusted on loopback, so PostgreSQL never checks it: it is there to be left out of the output. */
const PASSWORD = 'pw-that-must-not-print-7f3a';
const MIGRATION_COUNT = Object.keys(MIGRATIONS).length;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- status` in its own process, as an administrator runs it. */
function adminStatus(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, launchArgs('scripts/admin.ts', 'status'), {
      env: { ...process.env, NODE_ENV: 'test', ...env },
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

/** DATABASE_PATH, or DATABASE_URL with a password in it. */
function envOf(shared: SharedDatabase): Record<string, string> {
  if (!shared.env.DATABASE_URL) return shared.env;
  return { DATABASE_URL: shared.env.DATABASE_URL.replace('postgres://postgres@', `postgres://postgres:${PASSWORD}@`) };
}

let shared: SharedDatabase;
const thisWeek = weekOf(new Date());

beforeAll(async () => {
  shared = await createSharedDatabase();
  const database = await openSharedDatabase(shared.target);
  const now = new Date().toISOString();
  const person = (role: 'partner' | 'coach', isDemo = 0) => ({
    id: randomUUID(),
    email: `${randomUUID()}@example.test`,
    password_hash: 'x',
    display_name: 'Someone Private',
    role,
    is_demo: isDemo,
    created_at: now,
  });
  const [ana, ben, coach, demo] = [person('partner'), person('partner'), person('coach'), person('partner', 1)];
  const checkIn = (userId: string, week: string) => ({
    id: randomUUID(),
    user_id: userId,
    week,
    ratings: JSON.stringify(ratingsFor(1)),
    note: 'a private note',
    created_at: now,
    updated_at: now,
    ratings_changed_at: now,
  });
  try {
    await database.db.insertInto('users').values([ana, ben, coach, demo]).execute();
    const couple = randomUUID();
    const demoCouple = randomUUID();
    await database.db
      .insertInto('couples')
      .values([
        { id: couple, created_at: now, is_demo: 0 },
        { id: demoCouple, created_at: now, is_demo: 1 },
      ])
      .execute();
    await database.db
      .insertInto('couple_members')
      .values([
        { couple_id: couple, user_id: ana.id, joined_at: now },
        { couple_id: couple, user_id: ben.id, joined_at: now },
        { couple_id: demoCouple, user_id: demo.id, joined_at: now },
      ])
      .execute();
    await database.db
      .insertInto('assessments')
      .values([
        checkIn(ana.id, thisWeek),
        checkIn(ben.id, thisWeek),
        checkIn(ana.id, addWeeks(thisWeek, -1)),
        checkIn(demo.id, thisWeek),
      ])
      .execute();
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await shared?.remove();
});

describe(`npm run admin -- status (${testDatabaseKind()})`, () => {
  it('prints the database, migrations, size, counts, backup and email settings, and no password', async () => {
    const run = await adminStatus({
      ...envOf(shared),
      SMTP_URL: `smtp://mailer:${PASSWORD}@smtp.example.org:587`,
      MAIL_FROM: 'Tandem <tandem@example.org>',
      PUBLIC_URL: 'https://tandem.example.org',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(
      onPostgres ? /^Database: +PostgreSQL, postgres:\/\/postgres@127\.0\.0\.1:\d+\//m : /SQLite, \//,
    );
    if (!onPostgres) expect(out).toContain(shared.target);
    expect(out).toMatch(new RegExp(`^Migrations: +${MIGRATION_COUNT} applied .*, 0 pending$`, 'm'));
    expect(out).toMatch(/^Size: +\d+(\.\d)? (KiB|MiB)/m);
    // Demo couples and their partners left out.
    expect(out).toMatch(/^People: +3$/m);
    expect(out).toMatch(/^Couples: +1$/m);
    expect(out).toMatch(/^Coaches: +1$/m);
    expect(out).toContain(`2 this week (${thisWeek}), 3 in all`);
    expect(out).toMatch(/^Last backup: +unknown\. /m);
    expect(out).toMatch(/^Email: +on, through smtp\.example\.org:587/m);
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain('mailer');
    expect(out).not.toContain('Someone Private');
    expect(out).not.toContain('a private note');
  });

  it('reports pending migrations of a database that has none applied, and applies none of them', async () => {
    let env: Record<string, string>;
    let pending: () => Promise<string[]>;
    let remove: () => Promise<void>;
    if (onPostgres) {
      const created = await createPostgresDatabase({ empty: true });
      env = { DATABASE_URL: created.url };
      pending = async () => {
        const database = openPostgres(created.url, { poolSize: 1 });
        try {
          return await pendingMigrations(database.db);
        } finally {
          await database.close();
        }
      };
      remove = () => created.drop();
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-status-'));
      const file = path.join(dir, 'tandem.db');
      await openDatabase(file).close();
      env = { DATABASE_PATH: file };
      pending = async () => {
        const database = openDatabase(file);
        try {
          return await pendingMigrations(database.db);
        } finally {
          await database.close();
        }
      };
      remove = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
    }
    try {
      const run = await adminStatus(env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Migrations: +0 applied, ${MIGRATION_COUNT} pending$`, 'm'));
      expect(run.stdout).toContain('pending: 2026_11_25_2100_initial');
      expect(run.stdout).toMatch(/^Counts: +unavailable until the pending migrations are applied$/m);
      expect(await pending()).toHaveLength(MIGRATION_COUNT);
    } finally {
      await remove();
    }
  });

  it('names the newest backup file when the backup folder holds one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-backups-'));
    const database = await openSharedDatabase(shared.target);
    try {
      fs.writeFileSync(path.join(dir, 'tandem-old.db'), 'old');
      fs.utimesSync(path.join(dir, 'tandem-old.db'), new Date('2026-11-01'), new Date('2026-11-01'));
      fs.writeFileSync(path.join(dir, 'tandem-new.db'), 'new');
      fs.utimesSync(path.join(dir, 'tandem-new.db'), new Date('2026-11-30'), new Date('2026-11-30'));
      const target = onPostgres
        ? { kind: 'postgres' as const, url: shared.target, poolSize: 1 }
        : { kind: 'sqlite' as const, path: shared.target };
      const lines = formatStatus(await readStatus(database, target, TEST_CONFIG, { backupDir: dir }));
      expect(lines).toContain(
        `Last backup:  2026-11-30T00:00:00.000Z (${path.join(dir, 'tandem-new.db')}, the newest file there)`,
      );
      expect(lines).toContain('Email:        off (SMTP_URL not set)');
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
