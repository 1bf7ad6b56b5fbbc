import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '#server/db/migrator';
import { openPostgres } from '#server/db/postgres';
import { startPostgresCluster } from './postgres-cluster';
import { POSTGRES_TEMPLATE, withDatabaseName } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** The folder of the server's Unix socket, for tests that connect through it. */
    postgresSocketFolder: string;
  }
}

/**
 * Once before the PostgreSQL run: a throwaway cluster of its own, and a template database with every migration
 * applied, which each test copies (far quicker than migrating each one). Stopped and removed at the end.
 */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  try {
    const admin = openPostgres(cluster.adminUrl, { poolSize: 1 });
    await admin.pool.query(`create database ${POSTGRES_TEMPLATE}`);
    await admin.close();
    const template = openPostgres(withDatabaseName(cluster.adminUrl, POSTGRES_TEMPLATE), { poolSize: 1 });
    await migrateToLatest(template.db);
    await template.close();
  } catch (error) {
    // No teardown is returned when setup throws: the server would be left running.
    cluster.stop();
    throw error;
  }
  project.provide('postgresAdminUrl', cluster.adminUrl);
  project.provide('postgresSocketFolder', cluster.dir);
  return () => cluster.stop();
}
