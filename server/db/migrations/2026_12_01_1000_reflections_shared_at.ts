import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// A reflection shared "with my partner" or "with our coach" is shared with the people of the author's couple at that
// moment, not with whoever joins the couple, or the author, later: `shared_at` says when, and only a couple whose
// current membership began by then may read it. Null while it is shared with nobody.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reflections').addColumn('shared_at', 'text').execute();
  // When an older reflection was shared is unknown (changing who may read it left no trace): its creation is the
  // earliest it can have been. A couple formed after that no longer reads it; its author can share it again.
  await sql`update reflections set shared_at = created_at where visibility <> 'private'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reflections').dropColumn('shared_at').execute();
}
