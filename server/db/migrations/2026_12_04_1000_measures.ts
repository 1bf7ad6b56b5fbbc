import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// Measures a coach brings (their own questionnaires), their versions, their schedules per couple, and the answers.
export async function up(db: Kysely<any>): Promise<void> {
  // A coach's instrument. Its definition lives in its versions; `current_version` is the one answered from now on.
  // The coach may go (account deleted): the measure stays, without a coach, so the couples' answers keep their items.
  await db.schema
    .createTable('measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('coach_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The key of the coach's draft: creating the same draft twice (a double click, a retry) keeps one measure.
    .addColumn('draft_key', 'text')
    // For a measure restored from a partner's export: the partner it was restored for (it has no coach).
    .addColumn('restored_for', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('measures_coach').on('measures').columns(['coach_id']).execute();
  await db.schema
    .createIndex('measures_coach_draft')
    .on('measures')
    .columns(['coach_id', 'draft_key'])
    .unique()
    .execute();
  await db.schema.createIndex('measures_restored_for').on('measures').columns(['restored_for']).execute();

  // One version of a measure's definition. A version with answers is never changed again: an edit then makes the
  // next version, so past scores keep the items they were answered with. Items are JSON (text, scale, labels, reverse).
  await db.schema
    .createTable('measure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('scoring', 'text', (c) => c.notNull())
    .addColumn('cutoff_value', 'double precision')
    .addColumn('cutoff_direction', 'text')
    .addColumn('reliable_change', 'double precision')
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_versions_measure_version', ['measure_id', 'version'])
    .execute();

  // A measure scheduled for one couple: due every `every_weeks` weeks from `start_week`; each period is named by its
  // first week. Ended when the coach stops it, archives the measure, or loses the couple's consent.
  await db.schema
    .createTable('measure_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id').onDelete('cascade'))
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('coach_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('every_weeks', 'integer', (c) => c.notNull())
    .addColumn('start_week', 'text', (c) => c.notNull())
    .addColumn('visible_to_couple', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('measure_assignments_couple').on('measure_assignments').columns(['couple_id']).execute();
  await db.schema.createIndex('measure_assignments_coach').on('measure_assignments').columns(['coach_id']).execute();
  await db.schema
    .createIndex('measure_assignments_measure')
    .on('measure_assignments')
    .columns(['measure_id'])
    .execute();

  // A partner's answer for one period: the item answers (JSON array) and the score they make, or a skip (no answers,
  // no score). `version_id` is the version answered. A restored answer has no assignment.
  await db.schema
    .createTable('measure_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.references('measure_assignments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().references('measure_versions.id').onDelete('cascade'))
    .addColumn('answers', 'text')
    .addColumn('score', 'double precision')
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // When the answers last changed (the first answer until they do), to mark a change after both had answered.
    .addColumn('answers_changed_at', 'text', (c) => c.notNull())
    .addColumn('imported_created_at', 'text')
    .execute();
  await db.schema
    .createIndex('measure_answers_assignment_user_period')
    .on('measure_answers')
    .columns(['assignment_id', 'user_id', 'period'])
    .unique()
    .execute();
  await db.schema.createIndex('measure_answers_user').on('measure_answers').columns(['user_id', 'period']).execute();
  await db.schema.createIndex('measure_answers_version').on('measure_answers').columns(['version_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('measure_answers').execute();
  await db.schema.dropTable('measure_assignments').execute();
  await db.schema.dropTable('measure_versions').execute();
  await db.schema.dropTable('measures').execute();
}
