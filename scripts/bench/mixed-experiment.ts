/**
 * The mixed load of the bench (section f) alone, with knobs for finding out what slows it:
 * `--runs N --workers N --cwd <checkout> --env KEY=VALUE --detail --connections N`, and
 * - on SQLite (the default): `--dir <folder for the copy> --cold`;
 * - on a throwaway PostgreSQL cluster: `--postgres --couples N` (seeded afresh, 100 couples by default) `--socket`
 *   (through the cluster's Unix socket rather than TCP) `--statements` (what PostgreSQL ran, per request, from
 *   `pg_stat_statements`). Which worker answered is counted from the request lines.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '#server/db/database';
import { openPostgres } from '#server/db/postgres';
import type { PostgresCluster } from '../../tests/helpers/postgres-cluster';
import { MIXED, prepareMixedPartners, printMixed, runMixed, type MixedResult } from './mixed';
import {
  adminQuery,
  copyBenchDatabase,
  postmasterPid,
  seedBenchPostgres,
  socketUrl,
  startBenchPostgres,
} from './postgres';
import type { BenchDatabase } from './server-process';
import { DEFAULT_SYNTHETIC_DB } from './synthetic';

/** A fresh copy of the SQLite synthetic database, with the partners' sessions; `cold` drops it from the page cache. */
async function sqliteCopy(copy: string, cold: boolean): Promise<{ database: BenchDatabase; cookies: string[] }> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
  const source = openDatabase(DEFAULT_SYNTHETIC_DB);
  await source.sqlite.backup(copy);
  await source.close();
  const database = openDatabase(copy);
  const cookies = await prepareMixedPartners(database.db, MIXED.partners);
  await database.close();
  if (cold) {
    // Drop the copy's pages from the page cache, as after a reboot.
    execFileSync('python3', [
      '-c',
      `import os; fd = os.open(${JSON.stringify(copy)}, os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)`,
    ]);
  }
  return { database: { kind: 'sqlite', path: copy }, cookies };
}

/** A fresh copy of the cluster's seeded database, with the partners' sessions, reached by TCP or the Unix socket. */
async function postgresCopy(
  cluster: PostgresCluster,
  socket: boolean,
): Promise<{ database: BenchDatabase; cookies: string[] }> {
  const tcpUrl = await copyBenchDatabase(cluster, 'tandem_bench_mixed');
  const url = socket ? socketUrl(tcpUrl, cluster.dir) : tcpUrl;
  const database = openPostgres(url, { poolSize: 2 });
  const cookies = await prepareMixedPartners(database.db, MIXED.partners);
  await database.close();
  return { database: { kind: 'postgres', url }, cookies };
}

/** What PostgreSQL ran in the copy `url` names, per request served: calls and time of each statement, busiest first. */
async function printStatements(url: string, requests: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ calls: string; ms: string; query: string }>(
      `select calls, total_exec_time + total_plan_time as ms, query from pg_stat_statements
       where dbid = (select oid from pg_database where datname = current_database()) order by calls desc limit 25`,
    );
    const total = rows.reduce((sum, r) => sum + Number(r.calls), 0);
    console.log(`  statements per request: ${(total / requests).toFixed(2)} (${total} calls, ${requests} requests)`);
    for (const r of rows) {
      const perRequest = (Number(r.calls) / requests).toFixed(2);
      console.log(
        `    ${perRequest}/req ${(Number(r.ms) / Number(r.calls)).toFixed(3)} ms  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Requests answered by each worker, from the request lines (which name the worker when there are several). */
function requestsByWorker(serverOutput: string): string {
  const counts = new Map<string, number>();
  for (const line of serverOutput.split('\n')) {
    const match = /"worker":(\d+).*"durationMs"/.exec(line);
    if (match) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return [...counts].map(([worker, n]) => `worker ${worker}: ${n}`).join(', ');
}

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
      postgres: { type: 'boolean', default: false },
      couples: { type: 'string', default: '100' },
      socket: { type: 'boolean', default: false },
      statements: { type: 'boolean', default: false },
    },
    strict: true,
  });
  // Split at the first '=' only: a value may hold more (NODE_OPTIONS=--max-semi-space-size=64).
  const env = Object.fromEntries(
    values.env.map((kv) => {
      const at = kv.indexOf('=');
      if (at < 1) throw new Error(`--env takes KEY=VALUE, not ${JSON.stringify(kv)}`);
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
  const copy = path.resolve(values.dir, 'bench-mixed-experiment.db');
  const statementSettings = ["shared_preload_libraries='pg_stat_statements'", 'pg_stat_statements.track=all'];
  const cluster = values.postgres ? await startBenchPostgres(values.statements ? statementSettings : []) : null;
  const results: MixedResult[] = [];
  try {
    if (cluster) {
      const couples = Number(values.couples);
      await seedBenchPostgres(cluster, { couples, weeks: 260, now: new Date(), log: () => {} });
    }
    for (let run = 0; run < Number(values.runs); run++) {
      const { database, cookies } = cluster
        ? await postgresCopy(cluster, values.socket)
        : await sqliteCopy(copy, values.cold);
      if (values.statements && database.kind === 'postgres') {
        // Counted from here: the sessions made above are not the load's.
        await adminQuery(
          database.url,
          'create extension if not exists pg_stat_statements; select pg_stat_statements_reset()',
        );
      }
      const result = await runMixed({
        label: `${values.label} #${run + 1}`,
        database,
        workers: Number(values.workers),
        cookies,
        cwd: values.cwd,
        env,
        sharedConnections: values.connections ? Number(values.connections) : undefined,
        databasePid: cluster ? postmasterPid(cluster) : undefined,
      });
      results.push(result);
      if (values.statements && database.kind === 'postgres') {
        await printStatements(database.url, result.first.requests + result.steady.requests);
      }
      const byWorker = requestsByWorker(result.serverOutput);
      if (byWorker) console.log(`  requests by ${byWorker}`);
      if (values.detail) {
        const slow = [...result.samples].sort((a, b) => b[1] - a[1]).slice(0, 12);
        console.log(
          `  slowest: ${slow.map(([s, d, k]) => `${k ? 'read' : 'write'}@${s.toFixed(0)}+${d.toFixed(0)}`).join(' ')}`,
        );
        const firstFinish = [...result.samples].sort((a, b) => a[0] + a[1] - (b[0] + b[1])).slice(0, 5);
        console.log(`  first answers at: ${firstFinish.map(([s, d]) => (s + d).toFixed(0)).join(' ')} ms`);
      }
    }
  } finally {
    cluster?.stop();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
  }
  printMixed(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
