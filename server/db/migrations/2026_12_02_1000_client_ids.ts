import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// A new reflection or coach note may carry a key its author's device made once for that draft, so sending the same
// draft twice (a double click, a retry after a lost answer) keeps one item. The key is unique per author only: the
// same key from two people names two different drafts. Null for everything written without one (older rows,
// imports); SQLite and PostgreSQL both let any number of nulls share a unique index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reflections').addColumn('draft_key', 'text').execute();
  await db.schema
    .createIndex('reflections_author_draft_key')
    .on('reflections')
    .columns(['user_id', 'draft_key'])
    .unique()
    .execute();
  await db.schema.alterTable('coach_notes').addColumn('draft_key', 'text').execute();
  await db.schema
    .createIndex('coach_notes_author_draft_key')
    .on('coach_notes')
    .columns(['coach_id', 'draft_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('coach_notes_author_draft_key').execute();
  await db.schema.alterTable('coach_notes').dropColumn('draft_key').execute();
  await db.schema.dropIndex('reflections_author_draft_key').execute();
  await db.schema.alterTable('reflections').dropColumn('draft_key').execute();
}
