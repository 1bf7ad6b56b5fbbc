import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { AppConfig } from '#server/config';
import type { OpenDatabase } from '#server/db/database';
import { pendingMigrations } from '#server/db/health';
import { MIGRATIONS } from '#server/db/migrator';
import { describeTarget, type DatabaseTarget } from '#server/db/open';
import { countInstance, type InstanceCounts } from '#server/observability/instance-counts';
import { weekOf, type Week } from '#shared/week';

/** What `npm run admin -- status` reports: how the installation stands, without a word of anyone's data. */
export interface InstanceStatus {
  database: { kind: 'sqlite' | 'postgres'; where: string };
  migrations: { applied: string[]; pending: string[] };
  week: Week;
  /** Null when the tables are not there yet (a new file, migrations pending). */
  counts: InstanceCounts | null;
  /** Bytes on disk: the SQLite file with its write-ahead log, or pg_database_size. */
  size: { bytes: number; parts: { name: string; bytes: number }[] } | null;
  backup: LastBackup;
  email: { on: false } | { on: true; smtpHost: string; from: string };
}

export type LastBackup = { known: true; file: string; at: Date } | { known: false; looked: string | null };

/**
 * Reads the status. Read-only: a pending migration is reported, never applied. `backupDir` is where `npm run backup`
 * files are looked for (Tandem writes a backup wherever it is told and keeps no record of it).
 */
export async function readStatus(
  database: OpenDatabase,
  target: DatabaseTarget,
  config: AppConfig,
  options: { now?: Date; backupDir?: string } = {},
): Promise<InstanceStatus> {
  const week = weekOf(options.now ?? new Date());
  const pending = await pendingMigrations(database.db);
  const applied = Object.keys(MIGRATIONS).filter((name) => !pending.includes(name));
  return {
    database: { kind: target.kind, where: describeTarget(target) },
    migrations: { applied, pending },
    week,
    counts: await countInstance(database.db, week).catch(() => null),
    size: await sizeOf(database, target),
    backup: lastBackup(options.backupDir ?? path.resolve('backups')),
    email: config.mail
      ? { on: true, smtpHost: smtpHostOf(config.mail.smtpUrl), from: config.mail.from }
      : { on: false },
  };
}

async function sizeOf(database: OpenDatabase, target: DatabaseTarget): Promise<InstanceStatus['size']> {
  if (target.kind === 'sqlite') {
    const file = path.resolve(target.path);
    const parts = [file, `${file}-wal`]
      .filter((name) => fs.existsSync(name))
      .map((name) => ({ name: path.basename(name), bytes: fs.statSync(name).size }));
    return { bytes: parts.reduce((sum, part) => sum + part.bytes, 0), parts };
  }
  const row = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`
    .execute(database.db)
    .catch(() => null);
  const bytes = row?.rows[0]?.bytes;
  return bytes === undefined ? null : { bytes: Number(bytes), parts: [] };
}

/** The newest file in the folder `npm run backup` is usually pointed at, if there is one. */
function lastBackup(dir: string): LastBackup {
  if (!fs.existsSync(dir)) return { known: false, looked: dir };
  const newest = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
    .map((entry) => {
      const file = path.join(dir, entry.name);
      return { file, at: fs.statSync(file).mtime };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return newest ? { known: true, ...newest } : { known: false, looked: dir };
}

/** Host and port of the SMTP URL: its user name and password stay out of every output. */
function smtpHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unreadable SMTP_URL)';
  }
}

/** The report as lines for a terminal. */
export function formatStatus(status: InstanceStatus): string[] {
  const { counts, migrations, size, backup, email } = status;
  const kind = status.database.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const latest = migrations.applied.at(-1);
  const lines = [
    `Database:     ${kind}, ${status.database.where}`,
    `Size:         ${size ? describeSize(size) : 'unknown (the database did not say)'}`,
    `Migrations:   ${migrations.applied.length} applied${latest ? ` (latest ${latest})` : ''}, ` +
      `${migrations.pending.length} pending`,
    ...migrations.pending.map((name) => `                pending: ${name} (applied when the server next starts)`),
  ];
  if (counts) {
    lines.push(
      `People:       ${counts.people}`,
      `Couples:      ${counts.couples}`,
      `Coaches:      ${counts.coaches}`,
      `Check-ins:    ${counts.checkInsThisWeek} this week (${status.week}), ${counts.checkIns} in all`,
    );
  } else {
    lines.push('Counts:       unavailable until the pending migrations are applied');
  }
  lines.push(
    backup.known
      ? `Last backup:  ${backup.at.toISOString()} (${backup.file}, the newest file there)`
      : `Last backup:  unknown. Tandem keeps no record of backups: ${backupHint(status, backup.looked)}`,
    email.on
      ? `Email:        on, through ${email.smtpHost}, from ${email.from}`
      : 'Email:        off (SMTP_URL not set)',
  );
  return lines;
}

function backupHint(status: InstanceStatus, looked: string | null): string {
  if (status.database.kind === 'postgres') return 'see when your pg_dump job last wrote its file.';
  const where = looked ? `nothing found in ${looked}; ` : '';
  return `${where}look for the newest file your \`npm run backup -- <file>\` job wrote (cron or systemd timer log).`;
}

function describeSize(size: NonNullable<InstanceStatus['size']>): string {
  const parts = size.parts.length > 1 ? ` (${size.parts.map((p) => `${p.name} ${bytes(p.bytes)}`).join(' + ')})` : '';
  return `${bytes(size.bytes)}${parts}`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
