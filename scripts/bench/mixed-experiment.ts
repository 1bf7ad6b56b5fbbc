/**
 * The mixed load of the bench (section f), once, on SQLite, with knobs for finding out what slows the first seconds:
 * `--runs N --workers N --dir <folder for the copy> --cwd <checkout> --env KEY=VALUE --cold --warmup`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '#server/db/database';
import { MIXED, prepareMixedPartners, printMixed, runMixed, type MixedResult } from './mixed';
import { DEFAULT_SYNTHETIC_DB } from './synthetic';

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      runs: { type: 'string', default: '1' },
      workers: { type: 'string', default: '1' },
      dir: { type: 'string', default: 'data' },
      cwd: { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      cold: { type: 'boolean', default: false },
      label: { type: 'string', default: 'run' },
      detail: { type: 'boolean', default: false },
      connections: { type: 'string' },
    },
    strict: true,
  });
  const env = Object.fromEntries(values.env.map((kv) => kv.split('=', 2) as [string, string]));
  const copy = path.resolve(values.dir, 'bench-mixed-experiment.db');
  const results: MixedResult[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
    const source = openDatabase(DEFAULT_SYNTHETIC_DB);
    await source.sqlite.backup(copy);
    await source.close();
    const database = openDatabase(copy);
    const cookies = await prepareMixedPartners(database.db, MIXED.partners);
    await database.close();
    if (values.cold) {
      // Drop the copy's pages from the page cache, as after a reboot.
      execFileSync('python3', [
        '-c',
        `import os; fd = os.open(${JSON.stringify(copy)}, os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)`,
      ]);
    }
    const result = await runMixed({
      label: `${values.label} #${run + 1}`,
      database: { kind: 'sqlite', path: copy },
      workers: Number(values.workers),
      cookies,
      cwd: values.cwd,
      env,
      sharedConnections: values.connections ? Number(values.connections) : undefined,
    });
    results.push(result);
    if (values.detail) {
      const slow = [...result.samples].sort((a, b) => b[1] - a[1]).slice(0, 12);
      console.log(
        `  slowest: ${slow.map(([s, d, k]) => `${k ? 'read' : 'write'}@${s.toFixed(0)}+${d.toFixed(0)}`).join(' ')}`,
      );
      const firstFinish = [...result.samples].sort((a, b) => a[0] + a[1] - (b[0] + b[1])).slice(0, 5);
      console.log(`  first answers at: ${firstFinish.map(([s, d]) => (s + d).toFixed(0)).join(' ')} ms`);
    }
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
  printMixed(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
