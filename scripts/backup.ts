/**
 * `npm run backup -- <file>`: an online backup of the database at DATABASE_PATH (default data/tandem.db) while the
 * server keeps running. SQLite's backup API copies a consistent snapshot: every transaction committed before the
 * copy finished is in it, none half. The copy is written next to the target and renamed into place only once it
 * has passed an integrity check, and it is a single self-contained file (no -wal or -shm companions to carry along).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { readEnv } from '../server/env';

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    console.error('Usage: npm run backup -- <file>   (copies the database at DATABASE_PATH, default data/tandem.db)');
    return 2;
  }
  const source = path.resolve(readEnv().databasePath);
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
  const live = new SQLite(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // All remaining pages in one step: copied in slices, a write by the server between two slices would restart the
    // copy, and a busy server could keep restarting it. One step reads one snapshot; in WAL the server keeps writing.
    await live.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }

  const copy = new SQLite(partial);
  let summary: string;
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${String(integrity)}`);
    // The copy inherits WAL mode from the live file; a rollback journal makes it one file that can be moved alone.
    copy.pragma('journal_mode = DELETE');
    const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    summary = `${count('users')} accounts, ${count('assessments')} check-ins`;
  } finally {
    copy.close();
  }
  fs.renameSync(partial, destination);
  const ms = Math.round(performance.now() - started);
  console.log(`Backed up ${source} to ${destination} (${summary}; integrity ok) in ${ms} ms.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
