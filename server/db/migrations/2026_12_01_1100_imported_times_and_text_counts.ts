import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
export async function up(db: Kysely<any>): Promise<void> {
  // An imported check-in or reflection is stored at the server's time of import, which is what every rule reads (the
  // late-change mark compares first answers). The time the file claimed is kept apart, as information for the next
  // export only; null for everything written in the app.
  await db.schema.alterTable('assessments').addColumn('imported_created_at', 'text').execute();
  await db.schema.alterTable('reflections').addColumn('imported_created_at', 'text').execute();
  // Each write of text counts what its author keeps, a coach's focus notes included: by coach, not by couple.
  await db.schema.createIndex('coach_focuses_coach').on('coach_focuses').column('coach_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('coach_focuses_coach').execute();
  await db.schema.alterTable('reflections').dropColumn('imported_created_at').execute();
  await db.schema.alterTable('assessments').dropColumn('imported_created_at').execute();
}
