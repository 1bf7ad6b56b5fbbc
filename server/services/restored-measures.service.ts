import { randomUUID } from 'node:crypto';
import { canonicalJson } from '#shared/domain/canonical-json';
import type { DB } from '#server/db/database';
import { countMembers } from '#server/repositories/couples.repository';
import {
  insertRestoredMeasure,
  listAnswersOfCouple,
  listRestoredPeriods,
  listRestoredVersions,
  moveAnswersToVersion,
  type AnsweredVersion,
  type CoupleAnswerRow,
} from '#server/repositories/measure-data.repository';
import { textBytes } from './storage-quota.service';

// A partner's answers that no longer hang on a couple's assignment live under a "restored" measure of their own: no
// coach, no assignment, `restored_for` the partner. Such a measure holds one version, and a partner has at most one
// per distinct content, so restoring the same answers again (a second import, a couple ending after an import)
// never makes a copy.

/** What tells versions apart across servers and copies: the words and scale the partner answered, nothing else. */
export function versionKey(version: AnsweredVersion): string {
  return canonicalJson({
    name: version.name,
    instructions: version.instructions || null,
    scoring: version.scoring,
    items: version.items.map((item) => ({ ...item, reverse: item.reverse === true })),
  });
}

/** The text a restored version keeps, as the ceiling on stored text weighs it. */
export function versionTextBytes(version: AnsweredVersion): number {
  return textBytes(version.name) + textBytes(version.instructions) + textBytes(JSON.stringify(version.items));
}

/** Finds the person's restored version with this content, or makes one; read once, then kept in step. */
export async function restoredVersions(db: DB, userId: string, nowIso: string) {
  const known = new Map((await listRestoredVersions(db, userId)).map((r) => [versionKey(r.version), r.versionId]));
  return {
    has: (version: AnsweredVersion) => known.has(versionKey(version)),
    async idFor(version: AnsweredVersion): Promise<string> {
      const key = versionKey(version);
      const found = known.get(key);
      if (found) return found;
      const versionId = randomUUID();
      await insertRestoredMeasure(db, { measureId: randomUUID(), versionId, userId, version, nowIso });
      known.set(key, versionId);
      return versionId;
    },
  };
}

/**
 * Runs just before a couple left empty is deleted, which deletes its assignments and, with them, every answer given
 * to them. Each person who answered (the one leaving last, and anyone who left before) keeps their answers, as they
 * keep their check-ins: they move to restored measures of their own, with their periods, scores and times.
 */
export async function keepAnswersOfEmptyCouple(
  db: DB,
  coupleId: string,
  nowIso: string,
  erasedUserId: string | null,
): Promise<void> {
  if ((await countMembers(db, coupleId)) > 0) return;
  const rows = await listAnswersOfCouple(db, coupleId);
  for (const [userId, answers] of groupBy(rows, (row) => row.userId)) {
    // The account being deleted takes its answers with it: nothing to keep for it.
    if (userId === erasedUserId) continue;
    const versions = await restoredVersions(db, userId, nowIso);
    const held = new Set((await listRestoredPeriods(db, userId)).map((r) => JSON.stringify([r.versionId, r.period])));
    // One answer per content and period, as a restored measure holds: two schedules of the same measure may each
    // have one for a period. Those not kept go with the couple's assignments.
    const chosen = new Map<string, CoupleAnswerRow>();
    for (const answer of answers) {
      const key = JSON.stringify([versionKey(answer.version), answer.period]);
      const known = chosen.get(key);
      if (!known || betterAnswer(answer, known)) chosen.set(key, answer);
    }
    for (const group of groupBy([...chosen.values()], (row) => row.versionId).values()) {
      const version = group[0]!.version;
      // A period a restored measure already holds (from an import, or an earlier couple) keeps what it has.
      const existing = versions.has(version) ? await versions.idFor(version) : null;
      const moving = group.filter((row) => !held.has(JSON.stringify([existing, row.period])));
      if (moving.length === 0) continue;
      await moveAnswersToVersion(
        db,
        moving.map((row) => row.answerId),
        existing ?? (await versions.idFor(version)),
      );
    }
  }
}

/**
 * Which of two answers to the same content and period a restored measure keeps: an answer over a skip, and the later
 * given over the earlier.
 */
export function betterAnswer(a: { skipped: boolean; createdAt: string }, b: { skipped: boolean; createdAt: string }) {
  return a.skipped !== b.skipped ? !a.skipped : Date.parse(a.createdAt) > Date.parse(b.createdAt);
}

/** `Map.groupBy`, which Node 20 lacks: groups in the order their first member appears. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
