/**
 * `npm run backup -- <file>`: an online backup of the database at DATABASE_PATH (default data/tandem.db) while the
 * server keeps running. `VACUUM INTO` writes a consistent snapshot: every transaction committed before the copy
 * started is in it, none half. It rebuilds the database row by row rather than copying pages, so the copy holds no
 * free pages and none of what was deleted before: words erased from the live file do not live on in later backups,
 * whatever state the live file's free space is in. The copy is written next to the target, flushed to the disk, and
 * renamed into place only once it has passed an integrity check; it is a single self-contained file (no -wal or
 * -shm companions to carry along).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { readEnv } from '#server/env';

function main(): number {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('Usage: npm run backup -- <file>   (copies the database at DATABASE_PATH, default data/tandem.db)');
    return 2;
  }
  const env = readEnv();
  if (env.database.kind === 'postgres') {
    console.error('DATABASE_URL names PostgreSQL: back it up with pg_dump (see docs/operations.md).');
    return 2;
  }
  const source = path.resolve(env.database.path);
  const destination = path.resolve(target);
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source}. Set DATABASE_PATH to the file the server uses.`);
    return 1;
  }
  if (fs.existsSync(destination)) {
    console.error(`${destination} already exists; choose a new file name (a backup never overwrites anything).`);
    return 1;
  }
  if (destination === source) {
    console.error('The backup must go to another file than the database itself.');
    return 1;
  }
  fs.mkdirSync(path.dirname(destination), { recursive: true });

  const started = performance.now();
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  // A second connection to the live file: WAL lets it read a snapshot while the server writes, and the busy timeout
  // waits out the moments the server holds a lock.
  let summary: string;
  try {
    summary = copyChecked(source, partial);
  } catch (error) {
    // A copy that failed its checks still holds everyone's data: it does not stay behind beside the backups.
    fs.rmSync(partial, { force: true });
    throw error;
  }
  // VACUUM INTO does not flush what it wrote: a power cut just after the rename could leave a damaged backup.
  flushToDisk(partial);
  fs.renameSync(partial, destination);
  flushToDisk(path.dirname(destination));
  const ms = Math.round(performance.now() - started);
  console.log(`Backed up ${source} to ${destination} (${summary}; integrity ok) in ${ms} ms.`);
  return 0;
}

/** Copies the live database into `partial` as one snapshot and checks the copy; says what it holds. */
function copyChecked(source: string, partial: string): string {
  const live = new SQLite(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // One statement, one read transaction, one snapshot; in WAL the server keeps writing meanwhile.
    live.prepare('vacuum into ?').run(partial);
  } finally {
    live.close();
  }

  const copy = new SQLite(partial);
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${String(integrity)}`);
    const freePages = Number(copy.pragma('freelist_count', { simple: true }));
    if (freePages !== 0) throw new Error(`the copy has ${freePages} free pages; it should have none`);
    // A rollback journal makes it one file that can be moved alone, whatever mode the live file was in.
    copy.pragma('journal_mode = DELETE');
    const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return `${count('users')} accounts, ${count('assessments')} check-ins`;
  } finally {
    copy.close();
  }
}

function flushToDisk(file: string): void {
  // Windows cannot open a folder to flush it.
  if (process.platform === 'win32' && fs.statSync(file).isDirectory()) return;
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

let exitCode: number;
try {
  exitCode = main();
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
process.exit(exitCode);
