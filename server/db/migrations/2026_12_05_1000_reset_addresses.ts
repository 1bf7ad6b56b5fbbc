import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// A password reset link works only while the account's email is still the address it was sent to: whoever reads an
// address the owner has since left (or took it over after them) cannot use a link mailed there. Links made before this
// column have none, and stop working: they lasted an hour at most, and a new one is a click away.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_resets').addColumn('address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('password_resets').dropColumn('address').execute();
}
