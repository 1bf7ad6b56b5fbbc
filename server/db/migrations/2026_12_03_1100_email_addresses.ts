import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// Which address each person has confirmed, the links that confirm one, and the links that turn one kind of email off.
export async function up(db: Kysely<any>): Promise<void> {
  // The address a person proved they read, and when. Email goes only to users.email when it equals `address`: a
  // changed email in the profile is unconfirmed until its own link is opened, with no flag to forget to reset.
  await db.schema
    .createTable('email_confirmations')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .execute();

  // A confirmation link that was sent: only the SHA-256 of its token, the address it was sent to (it confirms that
  // address, not whatever the profile says when it is opened), one open link per person, used once, expiring.
  await db.schema
    .createTable('email_confirmation_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // An unsubscribe link carried by one email: the SHA-256 of its token, whose settings it may change and which kind of
  // email it turns off, nothing more. Links in older emails keep working until they expire.
  await db.schema
    .createTable('email_unsubscribe_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_unsubscribe_tokens_user')
    .on('email_unsubscribe_tokens')
    .column('user_id')
    .execute();
  await db.schema
    .createIndex('email_unsubscribe_tokens_expires_at')
    .on('email_unsubscribe_tokens')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_unsubscribe_tokens').execute();
  await db.schema.dropTable('email_confirmation_tokens').execute();
  await db.schema.dropTable('email_confirmations').execute();
}
