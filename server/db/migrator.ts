import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import * as initial from './migrations/2026_11_25_2100_initial';
import * as focusReflectionsCoaching from './migrations/2026_11_25_2300_focus_reflections_coaching';
import * as ratingsChangedAt from './migrations/2026_11_26_0300_ratings_changed_at';
import * as reflectionsSharedAt from './migrations/2026_12_01_1000_reflections_shared_at';
import * as importedTimesAndTextCounts from './migrations/2026_12_01_1100_imported_times_and_text_counts';
import * as clientIds from './migrations/2026_12_02_1000_client_ids';
import * as activity from './migrations/2026_12_02_1100_activity';
import * as sharedLimits from './migrations/2026_12_02_1200_shared_limits';
import * as reminders from './migrations/2026_12_03_1000_reminders';
import * as emailAddresses from './migrations/2026_12_03_1100_email_addresses';
import * as emailDeliveries from './migrations/2026_12_03_1200_email_deliveries';
import * as measures from './migrations/2026_12_04_1000_measures';
import * as resetAddresses from './migrations/2026_12_05_1000_reset_addresses';
import * as partnerLeftAt from './migrations/2026_12_06_1000_partner_left_at';

/**
 * Listed by hand rather than read from the folder, so migrations work the same under tsx, Vitest and a bundle.
 * Names sort by time; never rename or edit one that has shipped, add a new one.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_25_2100_initial': initial,
  '2026_11_25_2300_focus_reflections_coaching': focusReflectionsCoaching,
  '2026_11_26_0300_ratings_changed_at': ratingsChangedAt,
  '2026_12_01_1000_reflections_shared_at': reflectionsSharedAt,
  '2026_12_01_1100_imported_times_and_text_counts': importedTimesAndTextCounts,
  '2026_12_02_1000_client_ids': clientIds,
  '2026_12_02_1100_activity': activity,
  '2026_12_02_1200_shared_limits': sharedLimits,
  '2026_12_03_1000_reminders': reminders,
  '2026_12_03_1100_email_addresses': emailAddresses,
  '2026_12_03_1200_email_deliveries': emailDeliveries,
  '2026_12_04_1000_measures': measures,
  '2026_12_05_1000_reset_addresses': resetAddresses,
  '2026_12_06_1000_partner_left_at': partnerLeftAt,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.migrations);
  }
}

/**
 * A migrator whose runs are transactions. The database opened by `openDatabase` declares transactional DDL, so the
 * Migrator wraps each run, with the row that records it, in one transaction; refuse any other handle rather than
 * migrate without that safety net. (A migration must therefore not open a transaction of its own, nor rely on
 * `PRAGMA foreign_keys`, which SQLite ignores inside a transaction: use `PRAGMA defer_foreign_keys` to rebuild a table.)
 */
export function createMigrator<DB>(db: Kysely<DB>, migrations: Record<string, Migration> = MIGRATIONS): Migrator {
  if (!db.getExecutor().adapter.supportsTransactionalDdl) {
    throw new Error(
      'Migrations need a database opened with openDatabase(), which runs each migration in a transaction.',
    );
  }
  return new Migrator({ db, provider: new StaticMigrationProvider(migrations) });
}

/**
 * Applies every pending migration, one transaction each, in order; throws (and the server does not start) if one
 * fails. A failed migration leaves nothing of itself behind, and the ones before it stay applied.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<string[]> {
  const migrator = createMigrator(db, migrations);
  const applied: string[] = [];
  for (;;) {
    const { error, results } = await migrator.migrateUp();
    if (error) throw migrationError(results, error);
    const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (done.length === 0) return applied;
    applied.push(...done);
  }
}

function migrationError(results: MigrationResult[] | undefined, error: unknown): Error {
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  return new Error(
    `Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
  );
}
