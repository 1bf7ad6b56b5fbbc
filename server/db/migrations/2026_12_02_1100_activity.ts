import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// What changed in a couple (someone joined, checked in, changed a week after both had answered, left; a coach's access
// began or ended; a focus was chosen), and which coaches' access ended lately.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per change, written in the same transaction as the change. Only the kind, the couple, who it is about, the
  // week it concerns and when: no ratings, no words. The sentence is built when it is read, with the names as they are
  // then; an account that is deleted leaves its rows without a name (`actor_id` set null).
  await db.schema
    .createTable('activity_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('week', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // The feed reads one couple's newest rows first, a page at a time.
  await db.schema
    .createIndex('activity_events_couple_at')
    .on('activity_events')
    .columns(['couple_id', 'at', 'id'])
    .execute();

  // A coach's access that ended (revoked, or the couple emptied), kept 30 days so the coach's roster can say so. No
  // reference to the couple, which may be gone, and nothing of its data: the couple's id, the coach and when.
  await db.schema
    .createTable('coach_links_ended')
    .addColumn('couple_id', 'text', (c) => c.notNull())
    .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_links_ended_pk', ['coach_id', 'couple_id'])
    .execute();
  await db.schema.createIndex('coach_links_ended_at').on('coach_links_ended').column('ended_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coach_links_ended').execute();
  await db.schema.dropTable('activity_events').execute();
}
