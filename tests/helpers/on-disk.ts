import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchArgs } from './launch';

/**
 * Every file under `dir` whose raw bytes hold `text`, as paths relative to `dir`: what someone reading the disk
 * would find, whatever the tables say. SQLite stores text as UTF-8 (the default, which Tandem keeps).
 */
export function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .filter((name) => fs.readFileSync(path.join(dir, name)).includes(needle))
    .sort();
}

/** `npm run backup -- <target>` against the database at `databasePath`, run from the project folder. */
export function runBackup(databasePath: string, target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, launchArgs('scripts/backup.ts', target), {
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
