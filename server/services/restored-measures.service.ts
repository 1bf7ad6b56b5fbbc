import { randomUUID } from 'node:crypto';
import { canonicalJson } from '#shared/domain/canonical-json';
import type { DB } from '#server/db/database';
import { countMembers } from '#server/repositories/couples.repository';
import {
  insertRestoredMeasure,
  listAnswersOfCouple,
  listRestoredVersions,
  moveAnswersToVersion,
  type AnsweredVersion,
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
    for (const group of groupBy(answers, (row) => row.versionId).values()) {
      const versionId = await versions.idFor(group[0]!.version);
      await moveAnswersToVersion(
        db,
        group.map((row) => row.answerId),
        versionId,
      );
    }
  }
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
