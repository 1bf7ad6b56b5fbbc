import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('partner', 'coach')`))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('couples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('couple_members')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    // unique: a person is in at most one couple, enforced by the database as well as the service.
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('couple_members_pk', ['couple_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('couple_invites')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('couple_invites_couple_id').on('couple_invites').column('couple_id').execute();

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('ratings', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessments_user_week', ['user_id', 'week'])
    .execute();
  await db.schema.createIndex('assessments_week').on('assessments').column('week').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assessments', 'couple_invites', 'couple_members', 'couples', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
