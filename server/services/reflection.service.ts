import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { PracticeId } from '../../shared/practice-ids';
import type { ReflectionDto, ReflectionVisibility } from '../../shared/schemas/reflection.schema';
import {
  deleteOwnReflection,
  findOwnReflection,
  insertReflection,
  listReflections,
  updateOwnReflection,
  type ReflectionRow,
} from '../repositories/reflections.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';

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

export async function readReflections(ctx: Context, access: CoupleAccess, practiceId: PracticeId | undefined): Promise<ReflectionDto[]> {
  const readable = access.members.map((m) => ({ userId: m.id, visibilities: readableVisibilities(access, m.id) }));
  const rows = await listReflections(ctx.db, readable, practiceId);
  return rows.map((row) => toDto(row, access.viewerId));
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
    await insertReflection(ctx.db, { id, userId: user.id, practiceId: input.practiceId, body: input.body, visibility: input.visibility ?? 'private', nowIso });
    return toDto((await findOwnReflection(ctx.db, user.id, id))!, user.id);
  }
  const existing = await findOwnReflection(ctx.db, user.id, input.id);
  // An answer belongs to its practice's question: moving it to another practice would change what it answers.
  if (!existing || existing.practiceId !== input.practiceId) throw notFound();
  await updateOwnReflection(ctx.db, user.id, input.id, { body: input.body, visibility: input.visibility, nowIso });
  return toDto((await findOwnReflection(ctx.db, user.id, input.id))!, user.id);
}

export async function setReflectionVisibility(ctx: Context, user: UserWithCouple, id: string, visibility: ReflectionVisibility): Promise<ReflectionDto> {
  const updated = await updateOwnReflection(ctx.db, user.id, id, { visibility, nowIso: ctx.now().toISOString() });
  if (!updated) throw notFound();
  return toDto((await findOwnReflection(ctx.db, user.id, id))!, user.id);
}

export async function deleteReflection(ctx: Context, user: UserWithCouple, id: string): Promise<{ ok: true }> {
  if (!(await deleteOwnReflection(ctx.db, user.id, id))) throw notFound();
  return { ok: true };
}

function toDto(row: ReflectionRow, viewerId: string): ReflectionDto {
  return {
    id: row.id,
    practiceId: row.practiceId,
    body: row.body,
    visibility: row.visibility,
    author: { id: row.userId, displayName: row.authorName },
    mine: row.userId === viewerId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
