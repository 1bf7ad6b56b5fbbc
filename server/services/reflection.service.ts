import { randomUUID } from 'node:crypto';
import { membershipStart, sharedWithinMembership } from '#shared/domain/membership';
import type { PracticeId } from '#shared/practice-ids';
import type { ReflectionDto, ReflectionVisibility } from '#shared/schemas/reflection.schema';
import type { DB } from '#server/db/database';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { isUniqueViolation } from '#server/db/dialect';
import { Conflict, NotFound } from '#server/errors';
import {
  deleteOwnReflection,
  findOwnReflection,
  findOwnReflectionByDraftKey,
  insertReflection,
  listReflections,
  updateOwnReflection,
  type ReflectionRow,
} from '#server/repositories/reflections.repository';
import { listPartners } from '#server/repositories/couples.repository';
import type { CoupleAccess } from './access.service';
import type { Caller } from './caller';
import { sharedWithCoachSince } from './coach-consent.service';
import { writeWithinTextCeiling } from './storage-quota.service';

/** Someone else's reflection and one that does not exist get the same answer, so ids cannot be probed. */
const notFound = () => new NotFound("We couldn't find that reflection among yours.");

/**
 * Which of each member's reflections the viewer may read. The author reads all of their own; a partner reads what
 * was shared with them; a coach reads only what was shared with the coach as well. Nobody reads another's private one.
 */
export function readableVisibilities(access: CoupleAccess, authorId: string): ReflectionVisibility[] {
  if (access.viewerRole === 'coach') return ['partner_and_coach'];
  if (authorId === access.viewerId) return ['private', 'partner', 'partner_and_coach'];
  return ['partner', 'partner_and_coach'];
}

/**
 * What was shared was shared with the couple of that moment: anyone but the author reads a reflection only when it
 * was shared after the couple's current membership began (so neither a later partner nor the coach of a later couple
 * reads what the author shared with an earlier one).
 */
export async function readReflections(
  deps: AppDeps,
  access: CoupleAccess,
  practiceId: PracticeId | undefined,
): Promise<ReflectionDto[]> {
  // A coach reads only what was shared while they had access: the coach of that moment was someone else, or nobody.
  const sharedSince = access.viewerRole === 'coach' ? await sharedWithCoachSince(deps.db, access) : access.sharedSince;
  const readable = access.members.map((m) => {
    const own = m.id === access.viewerId;
    const visibilities = own || sharedSince !== null ? readableVisibilities(access, m.id) : [];
    return { userId: m.id, visibilities, sharedSince: own ? null : sharedSince };
  });
  const rows = await listReflections(deps.db, readable, practiceId);
  return rows.map((row) => toDto(row, access.viewerId, access.sharedSince));
}

/** When the author's couple's current membership began; null without a couple. */
async function sharedSinceFor(db: DB, caller: Caller): Promise<string | null> {
  if (!caller.coupleId) return null;
  return membershipStart(await listPartners(db, caller.coupleId)).sharedSince;
}

/**
 * The sharing time after the author chooses `next`: undefined keeps it. Sharing with someone records now, with the
 * couple as it is now; choosing again what the current couple already reads keeps its time (a body edit sends the
 * same choice); private clears it.
 */
function nextSharedAt(
  existing: Pick<ReflectionRow, 'visibility' | 'sharedAt'>,
  next: ReflectionVisibility | undefined,
  sharedSince: string | null,
  nowIso: string,
) {
  if (next === undefined) return undefined;
  if (next === 'private') return null;
  if (next === existing.visibility && sharedWithinMembership(existing.sharedAt, sharedSince)) return undefined;
  return nowIso;
}

export interface SaveReflection {
  id?: string;
  practiceId: PracticeId;
  body: string;
  visibility?: ReflectionVisibility;
  /** For a new reflection: the key of the draft it comes from (see `draftKeySchema`). */
  draftKey?: string;
}

/** Writes a new reflection (private unless the author says otherwise) or edits one of the author's own. */
export async function saveReflection(deps: AppDeps, caller: Caller, input: SaveReflection): Promise<ReflectionDto> {
  if (input.id === undefined) {
    try {
      return await createReflection(deps, caller, input);
    } catch (error) {
      // Another writer stored the same draft between our look and our write: this time the look finds it.
      if (input.draftKey !== undefined && isUniqueViolation(error)) return createReflection(deps, caller, input);
      throw error;
    }
  }
  const nowIso = deps.now().toISOString();
  const existing = await findOwnReflection(deps.db, caller.id, input.id);
  // An answer belongs to its practice's question: moving it to another practice would change what it answers.
  if (!existing || existing.practiceId !== input.practiceId) throw notFound();
  const sharedSince = await sharedSinceFor(deps.db, caller);
  const sharedAt = nextSharedAt(existing, input.visibility, sharedSince, nowIso);
  const id = input.id;
  const updated = await writeWithinTextCeiling(deps.db, caller.id, (db) =>
    updateOwnReflection(db, caller.id, id, { body: input.body, visibility: input.visibility, sharedAt, nowIso }),
  );
  // Deleted (in another tab) since it was read above.
  if (!updated) throw notFound();
  if (existing.body !== input.body) await checkpointAfterErase(deps.db);
  return readBack(deps.db, caller.id, id, sharedSince);
}

/** A reflection as it is after a write; one deleted meanwhile (in another tab) is not found, as any missing one. */
async function readBack(db: DB, authorId: string, id: string, sharedSince: string | null): Promise<ReflectionDto> {
  const row = await findOwnReflection(db, authorId, id);
  if (!row) throw notFound();
  return toDto(row, authorId, sharedSince);
}

/**
 * A new reflection, or, when the author already saved this draft (the same `draftKey`: a double click, or a retry
 * after an answer that never arrived), that same reflection again: one reflection per draft. A repeat may only put the
 * words sent last in place of the first ones, and only while the reflection is untouched since it was saved: once its
 * author has edited it or shared it (again), a late repeat changes nothing. Who reads it is never changed by
 * a repeat (that takes its own call), so a retry cannot share again what was made private, nor reach a partner who
 * joined since. Keys are looked up among the author's own only, so another person's key can neither reveal nor touch
 * anything of theirs. A key already used for another practice's question is refused.
 */
async function createReflection(deps: AppDeps, caller: Caller, input: SaveReflection): Promise<ReflectionDto> {
  const nowIso = deps.now().toISOString();
  const visibility = input.visibility ?? 'private';
  const sharedSince = await sharedSinceFor(deps.db, caller);
  let bodyReplaced = false;
  const id = await writeWithinTextCeiling(deps.db, caller.id, async (db) => {
    const earlier =
      input.draftKey === undefined ? null : await findOwnReflectionByDraftKey(db, caller.id, input.draftKey);
    if (!earlier) {
      const reflection = {
        id: randomUUID(),
        userId: caller.id,
        practiceId: input.practiceId,
        body: input.body,
        visibility,
        nowIso,
        draftKey: input.draftKey,
      };
      await insertReflection(db, reflection);
      return reflection.id;
    }
    if (earlier.practiceId !== input.practiceId) {
      throw new Conflict(
        'This draft was already saved as an answer to another question. Reload the page and write it again there.',
      );
    }
    // Untouched: its words never edited (`updatedAt`), and not shared since it was saved. Sharing changes no words,
    // so `updatedAt` alone would miss it: a late repeat of a private draft would put words typed as private into a
    // reflection shared since. Private now, it reaches nobody; shared, it was shared when saved only if its sharing
    // time is its creation time (every later share records its own). And the repeat's words may only go to the
    // readers they were typed for: a reflection saved shared takes the words of a repeat sent with the same choice,
    // never of one whose form was switched to private (or to other readers) in between.
    const untouched =
      earlier.updatedAt === earlier.createdAt &&
      (earlier.visibility === 'private' ||
        (earlier.sharedAt === earlier.createdAt && earlier.visibility === visibility));
    if (untouched && earlier.body !== input.body) {
      bodyReplaced = true;
      await updateOwnReflection(db, caller.id, earlier.id, { body: input.body, nowIso });
    }
    return earlier.id;
  });
  if (bodyReplaced) await checkpointAfterErase(deps.db);
  return readBack(deps.db, caller.id, id, sharedSince);
}

export async function setReflectionVisibility(
  deps: AppDeps,
  caller: Caller,
  id: string,
  visibility: ReflectionVisibility,
): Promise<ReflectionDto> {
  const existing = await findOwnReflection(deps.db, caller.id, id);
  if (!existing) throw notFound();
  const nowIso = deps.now().toISOString();
  const sharedSince = await sharedSinceFor(deps.db, caller);
  const sharedAt = nextSharedAt(existing, visibility, sharedSince, nowIso);
  if (!(await updateOwnReflection(deps.db, caller.id, id, { visibility, sharedAt, nowIso }))) throw notFound();
  return readBack(deps.db, caller.id, id, sharedSince);
}

export async function deleteReflection(deps: AppDeps, caller: Caller, id: string): Promise<{ ok: true }> {
  if (!(await deleteOwnReflection(deps.db, caller.id, id))) throw notFound();
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

/**
 * The author is told who can read their reflection now: one shared before the couple's current membership began
 * (with an earlier partner, or before the partner joined) is read by nobody else, so it says private.
 */
function toDto(row: ReflectionRow, viewerId: string, sharedSince: string | null): ReflectionDto {
  const readByNobodyElse = row.userId === viewerId && !sharedWithinMembership(row.sharedAt, sharedSince);
  return {
    id: row.id,
    practiceId: row.practiceId,
    body: row.body,
    visibility: readByNobodyElse ? 'private' : row.visibility,
    author: { id: row.userId, displayName: row.authorName },
    mine: row.userId === viewerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
