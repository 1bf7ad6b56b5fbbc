import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { CoupleDto, InviteDto } from '../../shared/schemas/couple.schema';
import { hashSecret, newInviteCode, normalizeInviteCode } from '../auth/secrets';
import type { DB } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { listCoaches } from '../repositories/coach-links.repository';
import { countMembers, findCoupleIdOfUser, insertCouple, insertMember } from '../repositories/couples.repository';
import {
  expireOpenInvites,
  findOpenInvite,
  insertInvite,
  markInviteUsed,
} from '../repositories/invites.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';
import { openInvite, type CodeMessages } from './one-time-codes';

export const MAX_PARTNERS = 2;
const ALREADY_PAIRED = "You're already in a couple, so you can't join another.";

export async function createCouple(ctx: Context, user: UserWithCouple): Promise<InviteDto> {
  if (user.couple_id) {
    throw new TRPCError({ code: 'CONFLICT', message: "You're already in a couple. Leave it first to start another." });
  }
  const coupleId = randomUUID();
  const nowIso = ctx.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await insertCouple(trx, { id: coupleId, createdAt: nowIso });
      await insertMember(trx, coupleId, user.id, nowIso);
      return issueInvite(trx, ctx, coupleId, user.id);
    });
  } catch (error) {
    // A second tab may have created a couple a moment earlier: the unique membership index refuses the insert.
    if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: "You're already in a couple." });
    throw error;
  }
}

/** A fresh code for the second partner; any earlier open code stops working. */
export async function renewInvite(ctx: Context, user: UserWithCouple): Promise<InviteDto> {
  const coupleId = user.couple_id;
  if (!coupleId) throw new TRPCError({ code: 'CONFLICT', message: 'Create a couple first, then invite your partner.' });
  return ctx.db.transaction().execute(async (trx) => {
    if ((await countMembers(trx, coupleId)) >= MAX_PARTNERS) {
      throw new TRPCError({ code: 'CONFLICT', message: 'Your couple already has both partners.' });
    }
    await expireOpenInvites(trx, coupleId, ctx.now().toISOString());
    return issueInvite(trx, ctx, coupleId, user.id);
  });
}

async function issueInvite(db: DB, ctx: Context, coupleId: string, createdBy: string): Promise<InviteDto> {
  const inviteCode = newInviteCode();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.inviteTtlMs).toISOString();
  await insertInvite(db, 'couple_invites', { codeHash: hashSecret(normalizeInviteCode(inviteCode)), coupleId, createdBy, createdAt: now.toISOString(), expiresAt });
  return { coupleId, inviteCode, expiresAt };
}

export async function joinCouple(ctx: Context, user: UserWithCouple, rawCode: string): Promise<{ coupleId: string }> {
  if (user.couple_id) {
    throw new TRPCError({ code: 'CONFLICT', message: ALREADY_PAIRED });
  }
  const codeHash = hashSecret(normalizeInviteCode(rawCode));
  const now = ctx.now().toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => joinInTransaction(trx, user.id, codeHash, now));
  } catch (error) {
    // Another call of the same person (a second tab, a batch) joined a moment earlier.
    if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: ALREADY_PAIRED });
    throw error;
  }
}

const INVITE_CODE_MESSAGES: CodeMessages = {
  unknown: "That invite code doesn't match any couple. Check it with your partner.",
  used: 'This invite code has already been used.',
  expired: 'This invite code has expired. Ask your partner to make a new one in Settings.',
};

async function joinInTransaction(trx: DB, userId: string, codeHash: string, now: string): Promise<{ coupleId: string }> {
  if (await findCoupleIdOfUser(trx, userId)) {
    throw new TRPCError({ code: 'CONFLICT', message: ALREADY_PAIRED });
  }
  const invite = await openInvite(trx, 'couple_invites', codeHash, now, INVITE_CODE_MESSAGES);
  if ((await countMembers(trx, invite.couple_id)) >= MAX_PARTNERS) {
    throw new TRPCError({ code: 'CONFLICT', message: 'This couple already has both partners.' });
  }
  if (!(await markInviteUsed(trx, 'couple_invites', codeHash, userId, now))) {
    throw new TRPCError({ code: 'CONFLICT', message: INVITE_CODE_MESSAGES.used });
  }
  await insertMember(trx, invite.couple_id, userId, now);
  return { coupleId: invite.couple_id };
}

export async function describeCouple(ctx: Context, access: CoupleAccess, viewer: UserWithCouple): Promise<CoupleDto> {
  if (!access.coupleId) {
    throw new TRPCError({ code: 'NOT_FOUND', message: "You're not in a couple yet. Create one or join with your partner's code." });
  }
  const partners = access.members.map((m) => ({ id: m.id, displayName: m.displayName }));
  const dto: CoupleDto = { coupleId: access.coupleId, partners, coaches: await listCoaches(ctx.db, access.coupleId) };
  if (viewer.role === 'partner') {
    const open = await findOpenInvite(ctx.db, access.coupleId, ctx.now().toISOString());
    dto.inviteExpiresAt = partners.length < MAX_PARTNERS ? (open?.expires_at ?? null) : null;
  }
  return dto;
}
