import { randomUUID } from 'node:crypto';
import { membershipStart, sharedWithinMembership } from '#shared/domain/membership';
import type { PracticeId } from '#shared/practice-ids';
import type { ReflectionDto, ReflectionVisibility } from '#shared/schemas/reflection.schema';
import type { DB } from '#server/db/database';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { NotFound } from '#server/errors';
import {
  deleteOwnReflection,
  findOwnReflection,
  insertReflection,
  listReflections,
  updateOwnReflection,
  type ReflectionRow,
} from '#server/repositories/reflections.repository';
import { listPartners } from '#server/repositories/couples.repository';
import type { CoupleAccess } from './access.service';
import type { Caller } from './caller';
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
  const readable = access.members.map((m) => {
    const own = m.id === access.viewerId;
    const visibilities = own || access.sharedSince !== null ? readableVisibilities(access, m.id) : [];
    return { userId: m.id, visibilities, sharedSince: own ? null : access.sharedSince };
  });
  const rows = await listReflections(deps.db, readable, practiceId);
  return rows.map((row) => toDto(row, access.viewerId, access.sharedSince));
}

/** When the author's couple's current membership began; null without a couple. */
async function sharedSinceFor(db: DB, caller: Caller): Promise<string | null> {
  if (!caller.coupleId) return null;
  return membershipStart((await listPartners(db, caller.coupleId)).map((m) => m.joinedAt)).sharedSince;
}

/**
 * The sharing time after the author chooses `next`: undefined keeps it. Sharing with someone records now, with the
 * couple as it is now; choosing again what the current couple already reads keeps its time (a body edit sends the
 * same choice); private clears it.
 */
function nextSharedAt(
  existing: ReflectionRow,
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
}

/** Writes a new reflection (private unless the author says otherwise) or edits one of the author's own. */
export async function saveReflection(deps: AppDeps, caller: Caller, input: SaveReflection): Promise<ReflectionDto> {
  const nowIso = deps.now().toISOString();
  if (input.id === undefined) {
    const id = randomUUID();
    const reflection = {
      id,
      userId: caller.id,
      practiceId: input.practiceId,
      body: input.body,
      visibility: input.visibility ?? 'private',
      nowIso,
    };
    await writeWithinTextCeiling(deps.db, caller.id, (db) => insertReflection(db, reflection));
    return toDto((await findOwnReflection(deps.db, caller.id, id))!, caller.id, await sharedSinceFor(deps.db, caller));
  }
  const existing = await findOwnReflection(deps.db, caller.id, input.id);
  // An answer belongs to its practice's question: moving it to another practice would change what it answers.
  if (!existing || existing.practiceId !== input.practiceId) throw notFound();
  const sharedSince = await sharedSinceFor(deps.db, caller);
  const sharedAt = nextSharedAt(existing, input.visibility, sharedSince, nowIso);
  const id = input.id;
  await writeWithinTextCeiling(deps.db, caller.id, (db) =>
    updateOwnReflection(db, caller.id, id, { body: input.body, visibility: input.visibility, sharedAt, nowIso }),
  );
  if (existing.body !== input.body) await checkpointAfterErase(deps.db);
  return toDto((await findOwnReflection(deps.db, caller.id, input.id))!, caller.id, sharedSince);
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
  return toDto((await findOwnReflection(deps.db, caller.id, id))!, caller.id, sharedSince);
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
