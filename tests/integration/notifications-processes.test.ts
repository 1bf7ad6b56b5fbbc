import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSharedDatabase,
  killHard,
  openSharedDatabase,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { testDatabaseKind } from '../helpers/test-database';

// Real app processes over one database, each running its notification timer every second, sending to a real SMTP
// server. Whatever the timing of their passes, every due email arrives once: the claim in the database decides.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * People whose weekly reminder fell due a minute ago (by the real clock the processes read), with a confirmed
 * address, written straight into the database: each process finds them due at its next pass.
 */
async function seedDue(target: string, count: number, label: string): Promise<string[]> {
  const database = await openSharedDatabase(target);
  const now = new Date();
  const due = new Date(now.getTime() - 60_000);
  const people = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `${label}-${i}-${randomUUID().slice(0, 8)}@example.test`,
  }));
  try {
    for (const person of people) {
      await database.db
        .insertInto('users')
        .values({
          id: person.id,
          email: person.email,
          password_hash: 'no-password-login',
          display_name: `Person ${label} ${person.id.slice(0, 4)}`,
          role: 'partner',
          created_at: now.toISOString(),
        })
        .execute();
      await database.db
        .insertInto('email_confirmations')
        .values({ user_id: person.id, address: person.email, confirmed_at: now.toISOString() })
        .execute();
      await database.db
        .insertInto('reminder_settings')
        .values({
          user_id: person.id,
          enabled: 1,
          weekday: due.getUTCDay() || 7,
          time: `${pad(due.getUTCHours())}:${pad(due.getUTCMinutes())}`,
          time_zone: 'UTC',
          email_weekly_reminder: 1,
          email_partner_checked_in: 0,
          email_both_answered: 0,
          email_coach_digest: 0,
          updated_at: now.toISOString(),
        })
        .execute();
    }
  } finally {
    await database.close();
  }
  return people.map((p) => p.email);
}

/** Every delivery row is recorded sent: nothing is between the SMTP server's acceptance and its record. */
async function allRecordedSent(target: string): Promise<boolean> {
  const database = await openSharedDatabase(target);
  try {
    const rows = await database.db.selectFrom('email_deliveries').select('status').execute();
    return rows.length > 0 && rows.every((r) => r.status === 'sent');
  } finally {
    await database.close();
  }
}

function countsByRecipient(smtp: TestSmtpServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of smtp.messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe(`timed emails from two processes on one ${testDatabaseKind() === 'postgres' ? 'PostgreSQL database' : 'SQLite file'}`, () => {
  let shared: SharedDatabase;
  let smtp: TestSmtpServer;
  let a: ServerProcess;
  let b: ServerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    shared = await createSharedDatabase();
    smtp = await startSmtpServer();
    env = {
      ...shared.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tandem <tandem@example.test>',
      PUBLIC_URL: 'http://tandem.example.test',
      NOTIFY_INTERVAL_SECONDS: '1',
    };
    // Migrated before either starts, so the seeding below has its tables.
    await (await openSharedDatabase(shared.target)).close();
    const started = await Promise.all([0, 1].map(() => startServerProcess(null, env)));
    a = started[0]!;
    b = started[1]!;
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((server) => killHard(server)));
    await smtp?.close();
    await shared?.remove();
  });

  it('sends every due email once, however the two timers interleave, and again none after a kill -9 and restart', async () => {
    const first = await seedDue(shared.target, 12, 'first');
    await smtp.waitForMessages(first.length, 20_000);
    // Several more passes of both processes, with the same people still in their reminder's window.
    await sleep(3_000);
    expect(smtp.messages).toHaveLength(first.length);
    expect([...countsByRecipient(smtp).values()].every((n) => n === 1)).toBe(true);
    expect(new Set(smtp.messages.flatMap((m) => m.to))).toEqual(new Set(first));

    // A power cut on one process once its sends are recorded; it starts again over the same database.
    await expect.poll(() => allRecordedSent(shared.target), { timeout: 10_000 }).toBe(true);
    await killHard(a);
    a = await startServerProcess(null, env);

    // The restarted process sends what has become due since, and nothing that was already sent.
    const second = await seedDue(shared.target, 6, 'second');
    await smtp.waitForMessages(first.length + second.length, 20_000);
    await sleep(3_000);
    expect(smtp.messages).toHaveLength(first.length + second.length);
    const counts = countsByRecipient(smtp);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set([...first, ...second]));
    for (const m of smtp.messages)
      expect(m.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/tandem\.example\.test\//);
  }, 90_000);
});

describe('a process stopped while an email hangs', () => {
  let shared: SharedDatabase;
  let smtp: TestSmtpServer;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    shared = await createSharedDatabase();
    smtp = await startSmtpServer({ hang: true });
    await (await openSharedDatabase(shared.target)).close();
  });
  afterAll(async () => {
    if (server) await killHard(server);
    await smtp?.close();
    await shared?.remove();
  });

  it('stops cleanly on SIGTERM without waiting for the silent mail server, leaving the claim for a retry', async () => {
    server = await startServerProcess(null, {
      ...shared.env,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Tandem <tandem@example.test>',
      PUBLIC_URL: 'http://tandem.example.test',
      NOTIFY_INTERVAL_SECONDS: '1',
    });
    await seedDue(shared.target, 1, 'hang');
    const claimed = async () => {
      const database = await openSharedDatabase(shared.target);
      try {
        return await database.db.selectFrom('email_deliveries').selectAll().execute();
      } finally {
        await database.close();
      }
    };
    // The pass has claimed the email and is waiting on the mail server, which never answers.
    await expect.poll(async () => (await claimed()).length, { timeout: 20_000 }).toBe(1);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Stopped cleanly.');
    // Still pending: another pass takes it once its lease runs out.
    expect(await claimed()).toMatchObject([{ status: 'pending', attempts: 1 }]);
  }, 60_000);
});
