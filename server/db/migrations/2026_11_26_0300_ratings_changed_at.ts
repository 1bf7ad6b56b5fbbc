import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// When a check-in's ratings last changed, apart from its other edits (a private note may change at any time): the
// partner is told when ratings changed after both had answered a week, since each could then see the other's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assessments')
    .addColumn('ratings_changed_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Whether older ratings changed after their first submission is unknown; taking the first submission claims nothing.
  await sql`update assessments set ratings_changed_at = created_at`.execute(db);
}

// Forgets when ratings changed: applied again, every check-in dates its last change at its first submission.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessments').dropColumn('ratings_changed_at').execute();
}
