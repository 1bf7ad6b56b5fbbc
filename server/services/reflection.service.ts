import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { membershipStart, sharedWithinMembership } from '../../shared/domain/membership';
import type { PracticeId } from '../../shared/practice-ids';
import type { ReflectionDto, ReflectionVisibility } from '../../shared/schemas/reflection.schema';
import { checkpointAfterErase } from '../db/erase';
import {
  deleteOwnReflection,
  findOwnReflection,
  insertReflection,
  listReflections,
  updateOwnReflection,
  type ReflectionRow,
} from '../repositories/reflections.repository';
import { listPartners } from '../repositories/couples.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';
import { writeWithinTextCeiling } from './storage-quota.service';

/** Someone else's reflection and one that does not exist get the same answer, so ids cannot be probed. */
const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: "We couldn't find that reflection among yours." });

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
export async function readReflections(ctx: Context, access: CoupleAccess, practiceId: PracticeId | undefined): Promise<ReflectionDto[]> {
  const readable = access.members.map((m) => {
    const own = m.id === access.viewerId;
    const visibilities = own || access.sharedSince !== null ? readableVisibilities(access, m.id) : [];
    return { userId: m.id, visibilities, sharedSince: own ? null : access.sharedSince };
  });
  const rows = await listReflections(ctx.db, readable, practiceId);
  return rows.map((row) => toDto(row, access.viewerId, access.sharedSince));
}

/** When the author's couple's current membership began; null without a couple. */
async function sharedSinceFor(ctx: Context, user: UserWithCouple): Promise<string | null> {
  if (!user.couple_id) return null;
  return membershipStart((await listPartners(ctx.db, user.couple_id)).map((m) => m.joinedAt)).sharedSince;
}

/**
 * The sharing time after the author chooses `next`: undefined keeps it. Sharing with someone records now, with the
 * couple as it is now; choosing again what the current couple already reads keeps its time (a body edit sends the
 * same choice); private clears it.
 */
function nextSharedAt(existing: ReflectionRow, next: ReflectionVisibility | undefined, sharedSince: string | null, nowIso: string) {
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
export async function saveReflection(ctx: Context, user: UserWithCouple, input: SaveReflection): Promise<ReflectionDto> {
  const nowIso = ctx.now().toISOString();
  if (input.id === undefined) {
    const id = randomUUID();
    const reflection = { id, userId: user.id, practiceId: input.practiceId, body: input.body, visibility: input.visibility ?? 'private', nowIso };
    await writeWithinTextCeiling(ctx.db, user.id, (db) => insertReflection(db, reflection));
    return toDto((await findOwnReflection(ctx.db, user.id, id))!, user.id, await sharedSinceFor(ctx, user));
  }
  const existing = await findOwnReflection(ctx.db, user.id, input.id);
  // An answer belongs to its practice's question: moving it to another practice would change what it answers.
  if (!existing || existing.practiceId !== input.practiceId) throw notFound();
  const sharedSince = await sharedSinceFor(ctx, user);
  const sharedAt = nextSharedAt(existing, input.visibility, sharedSince, nowIso);
  const id = input.id;
  await writeWithinTextCeiling(ctx.db, user.id, (db) => updateOwnReflection(db, user.id, id, { body: input.body, visibility: input.visibility, sharedAt, nowIso }));
  if (existing.body !== input.body) await checkpointAfterErase(ctx.db);
  return toDto((await findOwnReflection(ctx.db, user.id, input.id))!, user.id, sharedSince);
}

export async function setReflectionVisibility(ctx: Context, user: UserWithCouple, id: string, visibility: ReflectionVisibility): Promise<ReflectionDto> {
  const existing = await findOwnReflection(ctx.db, user.id, id);
  if (!existing) throw notFound();
  const nowIso = ctx.now().toISOString();
  const sharedSince = await sharedSinceFor(ctx, user);
  const sharedAt = nextSharedAt(existing, visibility, sharedSince, nowIso);
  if (!(await updateOwnReflection(ctx.db, user.id, id, { visibility, sharedAt, nowIso }))) throw notFound();
  return toDto((await findOwnReflection(ctx.db, user.id, id))!, user.id, sharedSince);
}

export async function deleteReflection(ctx: Context, user: UserWithCouple, id: string): Promise<{ ok: true }> {
  if (!(await deleteOwnReflection(ctx.db, user.id, id))) throw notFound();
  await checkpointAfterErase(ctx.db);
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
