import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// Adopted focuses, written reflections, coach consent (invites, links, access log), a coach's assigned focus and
// notes, and one-time password reset links.
export async function up(db: Kysely<any>): Promise<void> {
  // A couple's focus history: one row per adoption. end_week is null while the focus is current; at most one is.
  await db.schema
    .createTable('couple_focuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('start_week', 'text', (c) => c.notNull())
    .addColumn('end_week', 'text')
    .addColumn('adopted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('adopted_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('couple_focuses_couple')
    .on('couple_focuses')
    .columns(['couple_id', 'start_week'])
    .execute();
  await sql`create unique index couple_focuses_one_current on couple_focuses (couple_id) where end_week is null`.execute(
    db,
  );

  // Answers to a practice's reflection question. Owned by the author; visibility says who else may read it.
  await db.schema
    .createTable('reflections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) =>
      c
        .notNull()
        .defaultTo('private')
        .check(sql`visibility in ('private', 'partner', 'partner_and_coach')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reflections_user_practice')
    .on('reflections')
    .columns(['user_id', 'practice_id'])
    .execute();

  // Coach consent: a one-time code made by a partner, and the link it creates. Revoking deletes the link.
  await db.schema
    .createTable('coach_invites')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('coach_invites_couple').on('coach_invites').column('couple_id').execute();

  await db.schema
    .createTable('coach_links')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_links_pk', ['couple_id', 'coach_id'])
    .execute();
  await db.schema.createIndex('coach_links_coach').on('coach_links').column('coach_id').execute();

  // When a coach looked at a couple's data, so the couple can see it.
  await db.schema
    .createTable('coach_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('coach_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('coach_name', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coach_access_log_couple').on('coach_access_log').columns(['couple_id', 'at']).execute();

  // A focus a coach assigned; one per coach and couple, deleted when cleared.
  await db.schema
    .createTable('coach_focuses')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coach_focuses_pk', ['couple_id', 'coach_id'])
    .execute();

  // A coach's own notes about a couple: private to that coach.
  await db.schema
    .createTable('coach_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coach_notes_coach_couple')
    .on('coach_notes')
    .columns(['coach_id', 'couple_id', 'created_at'])
    .execute();

  // One-time password reset links made by an administrator from the command line; stored hashed like sessions.
  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'password_resets',
    'coach_notes',
    'coach_focuses',
    'coach_access_log',
    'coach_links',
    'coach_invites',
    'reflections',
    'couple_focuses',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
