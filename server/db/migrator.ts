import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026_11_25_2100_initial';
import * as focusReflectionsCoaching from './migrations/2026_11_25_2300_focus_reflections_coaching';

/**
 * Listed by hand rather than read from the folder, so migrations work the same under tsx, Vitest and a bundle.
 * Names sort by time; never rename or edit one that has shipped, add a new one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_25_2100_initial': initial,
  '2026_11_25_2300_focus_reflections_coaching': focusReflectionsCoaching,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new StaticMigrationProvider() });
}

/** Applies every pending migration; throws (and the server does not start) if one fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
