import { inTransaction } from '#server/db/dialect';
import { sql } from 'kysely';
import type { DB } from '#server/db/database';
import { TooLarge } from '#server/errors';

/**
 * The most text one person may keep: check-in notes, reflections, a coach's notes and focus notes, and the measures
 * a coach wrote (every version) or a partner restored from an export, together.
 * Twenty years of weekly check-ins with long notes and a reflection a week fit with room to spare; without a ceiling
 * one account could fill the server's disk.
 */
export const STORED_TEXT_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * A demo account needs no sign-up and lasts a day: room to try every form, and no more, so visitors cannot fill the
 * disk through demos (which are also rationed per address).
 */
export const DEMO_TEXT_LIMIT_BYTES = 64 * 1024;

/** What a text weighs against the ceiling: its UTF-8 bytes, as the database stores it. */
export function textBytes(text: string | null | undefined): number {
  return text ? Buffer.byteLength(text, 'utf8') : 0;
}

/**
 * The bytes of text this person has written, counted by the database. `octet_length` exists in SQLite (3.43 on) and
 * PostgreSQL alike, and SQLite answers it from each row's header without reading long values from their overflow
 * pages, so the count stays cheap for someone near the ceiling.
 */
export async function storedTextBytes(db: DB, userId: string): Promise<number> {
  return (await storedText(db, userId)).bytes;
}

/** The bytes this person keeps and their ceiling, in one statement. */
async function storedText(db: DB, userId: string): Promise<{ bytes: number; limit: number }> {
  const { rows } = await sql<{ bytes: number | string | null; is_demo: number | null }>`
    select
      (select coalesce(sum(octet_length(note)), 0) from assessments where user_id = ${userId})
      + (select coalesce(sum(octet_length(body)), 0) from reflections where user_id = ${userId})
      + (select coalesce(sum(octet_length(body)), 0) from coach_notes where coach_id = ${userId})
      + (select coalesce(sum(octet_length(note)), 0) from coach_focuses where coach_id = ${userId})
      + (select coalesce(sum(octet_length(v.name) + coalesce(octet_length(v.instructions), 0)
            + octet_length(v.items) + coalesce(octet_length(v.source), 0)), 0)
           from measure_versions v join measures m on m.id = v.measure_id
          where m.coach_id = ${userId} or m.restored_for = ${userId})
    as bytes,
      (select is_demo from users where id = ${userId}) as is_demo
  `.execute(db);
  const row = rows[0];
  return {
    bytes: Number(row?.bytes ?? 0),
    limit: Number(row?.is_demo) === 1 ? DEMO_TEXT_LIMIT_BYTES : STORED_TEXT_LIMIT_BYTES,
  };
}

/**
 * The one rule, for every procedure that stores text: a change that grows someone's text past the ceiling is refused.
 * A change that does not grow it always passes, so a person over the ceiling (it was lowered, say) can still shorten
 * and delete. 413: what the request would store is too large for the room this account has left; not 403, which
 * here means "not yours to do".
 */
export function checkTextCeiling(
  bytesBefore: number,
  bytesAfter: number,
  limit = STORED_TEXT_LIMIT_BYTES,
  outcome = 'Nothing was saved',
): void {
  if (bytesAfter <= bytesBefore || bytesAfter <= limit) return;
  throw new TooLarge(
    `${outcome}: this would take the text kept in your account past ${describeBytes(limit)} (notes, reflections, coach notes and measures together). Shorten or delete some first.`,
  );
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/** Refuses, before anything is written, a change known to add `growthBytes` of text to what this person keeps. */
export async function ensureRoomForText(db: DB, userId: string, growthBytes: number, outcome?: string): Promise<void> {
  if (growthBytes <= 0) return;
  const { bytes, limit } = await storedText(db, userId);
  checkTextCeiling(bytes, bytes + growthBytes, limit, outcome);
}

/**
 * Runs a write that stores text in a transaction, and undoes it if it took this person's text past the ceiling. The
 * live procedures write a few kilobytes at most, so measuring after the write is cheaper than reading what it replaces.
 */
export function writeWithinTextCeiling<T>(db: DB, userId: string, write: (trx: DB) => Promise<T>): Promise<T> {
  return inTransaction(db, async (trx) => {
    const before = await storedText(trx, userId);
    const result = await write(trx);
    checkTextCeiling(before.bytes, await storedTextBytes(trx, userId), before.limit);
    return result;
  });
}
