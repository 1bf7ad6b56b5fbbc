import { randomUUID } from 'node:crypto';
import type { ReflectionVisibility } from '../../server/db/tables';
import { LAST_WEEK, pairedCouple, ratingsOf, THIS_WEEK, type Couple } from './factories';
import type { TestApp } from './test-app';

// Rows of the focus, reflection and coach features, written straight into their tables, so the account rules
// (export, leave, delete) can be checked against them whatever those features' own procedures look like.

export async function addReflection(app: TestApp, userId: string, practiceId: string, body: string, visibility: ReflectionVisibility = 'private', at = '2026-11-20T10:00:00.000Z') {
  await app.database.db
    .insertInto('reflections')
    // Shared when written, as the app records it.
    .values({ id: randomUUID(), user_id: userId, practice_id: practiceId, body, visibility, created_at: at, updated_at: at, shared_at: visibility === 'private' ? null : at })
    .execute();
}

export async function addFocus(app: TestApp, coupleId: string, adoptedBy: string, practiceId: string, startWeek: string, endWeek: string | null = null) {
  await app.database.db
    .insertInto('couple_focuses')
    .values({
      id: randomUUID(),
      couple_id: coupleId,
      practice_id: practiceId,
      start_week: startWeek,
      end_week: endWeek,
      adopted_by: adoptedBy,
      adopted_at: '2026-11-02T09:00:00.000Z',
      ended_at: endWeek ? '2026-11-16T09:00:00.000Z' : null,
    })
    .execute();
}

/** A coach with the couple's consent, an assigned focus, a note and a log line, as the coach workspace leaves them. */
export async function linkCoach(app: TestApp, coupleId: string, coachId: string, coachName = 'Coach Casey') {
  const db = app.database.db;
  const at = '2026-11-10T09:00:00.000Z';
  await db.insertInto('coach_links').values({ couple_id: coupleId, coach_id: coachId, created_at: at }).execute();
  await db.insertInto('coach_focuses').values({ couple_id: coupleId, coach_id: coachId, practice_id: 'trust', note: 'Start small', assigned_at: at }).execute();
  await db.insertInto('coach_notes').values({ id: randomUUID(), coach_id: coachId, couple_id: coupleId, body: 'First session went well', created_at: at, updated_at: at }).execute();
  await db.insertInto('coach_access_log').values({ id: randomUUID(), couple_id: coupleId, coach_id: coachId, coach_name: coachName, what: 'dashboard', at }).execute();
}

/** An unused coach code made by a partner, as the coach invitation leaves it. */
export async function addCoachInvite(app: TestApp, coupleId: string, createdBy: string, expiresAt = '2026-12-01T00:00:00.000Z') {
  await app.database.db
    .insertInto('coach_invites')
    .values({ code_hash: randomUUID(), couple_id: coupleId, created_by: createdBy, created_at: '2026-11-24T00:00:00.000Z', expires_at: expiresAt, used_at: null, used_by: null })
    .execute();
}

/** Every row in any table that names this id in any column: what must be empty after the person is erased. */
export function rowsMentioning(app: TestApp, id: string): { table: string; row: unknown }[] {
  const sqlite = app.database.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'").all() as { name: string }[]).map((t) => t.name);
  return tables.flatMap((table) => {
    const columns = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const where = columns.map((c) => `"${c}" = ?`).join(' OR ');
    const rows = sqlite.prepare(`SELECT * FROM ${table} WHERE ${where}`).all(...columns.map(() => id));
    return rows.map((row) => ({ table, row }));
  });
}

/**
 * Ana and Ben with two weeks of history that an export carries: Ana's two check-ins (one with a note), Ben's last
 * week with his private note, and a reflection Ana shared with Ben.
 */
export async function anaAndBenWithHistory(app: TestApp): Promise<Couple> {
  const couple = await pairedCouple(app, ['Ana', 'Ben']);
  const [ana, ben] = [await couple.a.api(), await couple.b.api()];
  await ana.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(4, { trust: 9 }), note: 'Ana, last week' });
  await ana.assessment.submit({ week: THIS_WEEK, ratings: ratingsOf(7) });
  await ben.assessment.submit({ week: LAST_WEEK, ratings: ratingsOf(6), note: 'Ben, private' });
  await addReflection(app, couple.a.user.id, 'trust', 'What trust means to Ana', 'partner');
  return couple;
}
