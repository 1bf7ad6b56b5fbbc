import type { Kysely } from 'kysely';

// Frozen in time: a migration never imports app code, so later changes to the app cannot change what it does.
// One row per email the timer decided to send: who, which kind, and the ISO week it is about. The primary key is the
// claim: whichever process inserts the row first sends that email, and every other process (or the same one after a
// restart) sees the row and leaves it alone. No address, subject or body is kept: only a kind and a week.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email_deliveries')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    // pending (claimed, or waiting for a retry), sent, failed (gave up).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // While pending: when the row may be taken again (the end of a claim's lease, or the next retry).
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // An SMTP code or a short category ("timeout", "refused"), never an address or a server's free text.
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('email_deliveries_pkey', ['user_id', 'kind', 'period'])
    .execute();
  // Each pass looks for the pending rows whose lease or backoff has run out.
  await db.schema
    .createIndex('email_deliveries_status_next')
    .on('email_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  // Each pass reads the rows of the weeks it works on, to skip what is already settled before trying to claim it.
  await db.schema.createIndex('email_deliveries_period').on('email_deliveries').column('period').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_deliveries').execute();
}
