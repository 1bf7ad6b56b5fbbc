import { randomUUID } from 'node:crypto';
import { canonicalJson } from '#shared/domain/canonical-json';
import type { DB } from '#server/db/database';
import { countMembers } from '#server/repositories/couples.repository';
import { inTransaction } from '#server/db/dialect';
import { findMembership } from '#server/repositories/account-data.repository';
import { checkpointAfterErase } from '#server/db/erase';
import { forgetMeasuresNobodyAnswered, type AnsweredVersion } from '#server/repositories/measure-data.repository';
import {
  deleteAnswers,
  insertRestoredMeasure,
  listAnswersOfCouple,
  listAnswersOfFormerPartners,
  listRestoredSlots,
  listRestoredVersions,
  moveAnswersToVersion,
  type CoupleAnswerRow,
} from '#server/repositories/restored-measures.repository';
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
 * Runs as someone leaves their couple: their answers to its schedules move at once to restored measures of their own,
 * with their periods, scores and times, as their check-ins stay with them. Nobody else reads them once they have left
 * (results show only the current partners), so they leave the schedules now rather than wait for the couple to end:
 * the person sees them under their kept answers and may delete them. Answers not kept (see `keepAnswers`) are deleted.
 * False when they had none there.
 */
export async function keepAnswersOfLeaver(db: DB, coupleId: string, userId: string, nowIso: string): Promise<boolean> {
  const rows = await listAnswersOfCouple(db, coupleId, userId);
  if (rows.length === 0) return false;
  const moved = await keepAnswers(db, userId, rows, nowIso);
  const dropped = rows.filter((row) => !moved.has(row.answerId)).map((row) => row.answerId);
  await deleteAnswers(db, dropped);
  return true;
}

/** Databases on which a pass found no such answers: none can appear since, so later passes skip the search. */
const earlierLeaversDone = new WeakSet<DB>();

/**
 * Housekeeping: answers of people who left a couple before leavers took theirs along at once are still on its
 * schedules, seen by nobody. Each is kept now as a leave keeps them, one person and couple per transaction, after
 * checking again that they have not come back meanwhile; a gone coach's version left without answers goes with it.
 * Since a leave now keeps them at once, the search (which reads every answer on a schedule) runs until a pass finds
 * none, then no more in this process. Returns how many people's answers, per couple, were kept, and how many failed
 * (tried again at the next pass).
 */
export async function keepAnswersOfEarlierLeavers(db: DB, nowIso: string): Promise<{ kept: number; failed: number }> {
  if (earlierLeaversDone.has(db)) return { kept: 0, failed: 0 };
  const pairs = await listAnswersOfFormerPartners(db);
  let [kept, failed] = [0, 0];
  for (const { coupleId, userId } of pairs) {
    try {
      const moved = await inTransaction(db, async (trx) => {
        if ((await findMembership(trx, userId))?.coupleId === coupleId) return false;
        if (!(await keepAnswersOfLeaver(trx, coupleId, userId, nowIso))) return false;
        await forgetMeasuresNobodyAnswered(trx);
        return true;
      });
      if (moved) kept += 1;
    } catch {
      failed += 1;
    }
  }
  if (pairs.length === 0) earlierLeaversDone.add(db);
  // A gone coach's words may have been erased with a version.
  if (kept > 0) await checkpointAfterErase(db);
  return { kept, failed };
}

/**
 * Runs just before a couple left empty is deleted, which deletes its assignments and, with them, every answer given
 * to them. Anyone whose answers are still on its schedules (the one leaving last, and anyone who left before leavers
 * kept theirs at once) keeps them, as in `keepAnswersOfLeaver`.
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
    await keepAnswers(db, userId, answers, nowIso);
  }
}

/**
 * Moves one person's answers onto restored measures of theirs; returns the ids moved. One answer per content and
 * period, as a restored measure holds: two schedules of the same measure may each have one for a period, and a
 * period a restored measure already holds (from an import, or an earlier couple) is compared with it too. Of each
 * pair, an answer over a skip and the later given over the earlier (the one held on a tie); the one that loses is
 * deleted. (An import, by contrast, leaves what is held as it is, so that a file brought twice changes nothing.)
 */
async function keepAnswers(
  db: DB,
  userId: string,
  answers: readonly CoupleAnswerRow[],
  nowIso: string,
): Promise<Set<string>> {
  const versions = await restoredVersions(db, userId, nowIso);
  const held = new Map((await listRestoredSlots(db, userId)).map((r) => [JSON.stringify([r.versionId, r.period]), r]));
  const chosen = new Map<string, CoupleAnswerRow>();
  for (const answer of answers) {
    const key = JSON.stringify([versionKey(answer.version), answer.period]);
    const known = chosen.get(key);
    if (!known || betterAnswer(answer, known)) chosen.set(key, answer);
  }
  const moved = new Set<string>();
  for (const group of groupBy([...chosen.values()], (row) => row.versionId).values()) {
    const version = group[0]!.version;
    const existing = versions.has(version) ? await versions.idFor(version) : null;
    const replaced: string[] = [];
    const moving = group.filter((row) => {
      const slot = existing === null ? undefined : held.get(JSON.stringify([existing, row.period]));
      if (!slot) return true;
      if (!betterAnswer(row, slot)) return false;
      replaced.push(slot.answerId);
      return true;
    });
    if (moving.length === 0) continue;
    await deleteAnswers(db, replaced);
    const ids = moving.map((row) => row.answerId);
    await moveAnswersToVersion(db, ids, existing ?? (await versions.idFor(version)));
    for (const id of ids) moved.add(id);
  }
  return moved;
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
