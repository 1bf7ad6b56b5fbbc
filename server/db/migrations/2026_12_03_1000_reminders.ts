import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// A person's reminder settings, and the one private calendar link each person may have.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per person who has saved their settings; no row reads as the defaults (off, Sunday 19:00, no email), so
  // nobody is reminded of anything they did not ask for. Weekday is ISO (Monday 1 … Sunday 7), time is local "HH:MM"
  // in the IANA zone beside it, so a reminder keeps its wall-clock time across daylight-saving changes.
  await db.schema
    .createTable('reminder_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weekday', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('time', 'text', (c) => c.notNull().defaultTo('19:00'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('email_weekly_reminder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_partner_checked_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_both_answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_coach_digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A person's calendar feed link. Only the SHA-256 of its token is kept, like sessions: a copy of the database does
  // not open anyone's feed. One per person; a new link replaces the row, so the old link stops working.
  await db.schema
    .createTable('calendar_links')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_links').execute();
  await db.schema.dropTable('reminder_settings').execute();
}
