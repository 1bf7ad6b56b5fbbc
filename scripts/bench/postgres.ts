/**
 * The bench's own PostgreSQL: a throwaway cluster (Debian's server programs, as the tests use), one database seeded
 * with the same synthetic couples as the SQLite file. Stopped by the caller, on error too.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../../tests/helpers/postgres-cluster';

export { socketUrl } from '../../tests/helpers/postgres-cluster';
import type { SeedResult } from './synthetic';
import { ensureSyntheticPostgres } from './synthetic-postgres';

export const BENCH_DATABASE = 'tandem_bench';

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The cluster's postmaster, the parent of every PostgreSQL process it runs: the first line of its pid file. */
export function postmasterPid(cluster: PostgresCluster): number {
  return Number(fs.readFileSync(path.join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function startBenchPostgres(settings: readonly string[] = []): Promise<PostgresCluster> {
  return startPostgresCluster(settings);
}

export async function seedBenchPostgres(
  cluster: PostgresCluster,
  options: { couples: number; weeks: number; now: Date; log: (line: string) => void },
): Promise<{ url: string; seed: SeedResult }> {
  await adminQuery(cluster.adminUrl, `create database ${BENCH_DATABASE}`);
  const url = databaseUrl(cluster.adminUrl, BENCH_DATABASE);
  const seed = await ensureSyntheticPostgres({ url, ...options });
  return { url, seed };
}

/** A copy of the bench database, for a run that writes: PostgreSQL copies the files, in seconds. */
export async function copyBenchDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  await adminQuery(cluster.adminUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(cluster.adminUrl, `create database ${name} template ${BENCH_DATABASE}`);
  return databaseUrl(cluster.adminUrl, name);
}

/** What PostgreSQL counted for a database: transactions committed and rolled back (serialization retries among them). */
export async function transactionCounts(
  adminUrl: string,
  name: string,
): Promise<{ commits: number; rollbacks: number; deadlocks: number }> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string; rollbacks: string; deadlocks: string }>(
      'select xact_commit as commits, xact_rollback as rollbacks, deadlocks from pg_stat_database where datname = $1',
      [name],
    );
    const row = rows[0];
    return {
      commits: Number(row?.commits ?? 0),
      rollbacks: Number(row?.rollbacks ?? 0),
      deadlocks: Number(row?.deadlocks ?? 0),
    };
  } finally {
    await client.end();
  }
}
