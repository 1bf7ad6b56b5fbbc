import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// Counts that used to live in the memory of the one server process, kept in the database instead, so that any number
// of processes (WEB_CONCURRENCY, several machines) count together and none can be used to get around another's count.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per failed password check of an account in the last 15 minutes. `account` is the SHA-256 of the normalized
  // email, never the email itself: the table names nobody, and a row exists for an unknown email as for a known one.
  // `id` lets an attempt take back exactly its own row.
  await db.schema
    .createTable('failed_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // Every check counts one account's recent rows; pruning deletes by time.
  await db.schema.createIndex('failed_logins_account_at').on('failed_logins').columns(['account', 'at']).execute();
  await db.schema.createIndex('failed_logins_at').on('failed_logins').column('at').execute();

  // rate-limiter-flexible's own table, in the shape its PostgreSQL and SQLite stores read and write (key, points, and
  // the end of the window in epoch milliseconds), shared by every limiter: each key begins with its limiter's prefix.
  // Made here rather than by the library at run time, so that no start ever runs CREATE TABLE outside a migration.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.dropTable('failed_logins').execute();
}
