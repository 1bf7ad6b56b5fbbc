import { TRPCError } from '@trpc/server';
import type { CoachAccessDto, CoachInviteDto } from '../../shared/schemas/coach.schema';
import { hashSecret, newInviteCode, normalizeInviteCode } from '../auth/secrets';
import { checkpointAfterErase } from '../db/erase';
import { listCoachReads } from '../repositories/coach-access-log.repository';
import { insertInvite, markInviteUsed } from '../repositories/invites.repository';
import { deleteCoachLink, hasCoachLink, insertCoachLink } from '../repositories/coach-links.repository';
import { listPartners } from '../repositories/couples.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { openInvite, type CodeMessages } from './one-time-codes';

// A coach reaches a couple only through a code one of the partners made, and loses it the moment either partner
// revokes it: access is read from coach_links on every request, never cached in a session.

const NOT_IN_COUPLE = () =>
  new TRPCError({ code: 'CONFLICT', message: 'Create your couple first; then you can invite a coach to it.' });

/** A one-time code for a coach, valid for the same time as a partner invite. Several may be open at once. */
export async function inviteCoach(ctx: Context, user: UserWithCouple): Promise<CoachInviteDto> {
  if (!user.couple_id) throw NOT_IN_COUPLE();
  const coachCode = newInviteCode();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.inviteTtlMs).toISOString();
  await insertInvite(ctx.db, 'coach_invites', {
    codeHash: hashSecret(normalizeInviteCode(coachCode)),
    coupleId: user.couple_id,
    createdBy: user.id,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { coachCode, expiresAt };
}

const COACH_CODE_MESSAGES: CodeMessages = {
  unknown: "That code doesn't match any couple. Check it with the couple who sent it.",
  used: 'This code has already been used. Ask the couple for a new one.',
  expired: 'This code has expired. Ask the couple to make a new one in their settings.',
};

export async function acceptCoachInvite(ctx: Context, coachId: string, rawCode: string): Promise<{ coupleId: string }> {
  const codeHash = hashSecret(normalizeInviteCode(rawCode));
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const invite = await openInvite(trx, 'coach_invites', codeHash, now, COACH_CODE_MESSAGES);
    if (await hasCoachLink(trx, invite.couple_id, coachId)) {
      throw new TRPCError({ code: 'CONFLICT', message: 'You already coach this couple.' });
    }
    if (!(await markInviteUsed(trx, 'coach_invites', codeHash, coachId, now))) {
      throw new TRPCError({ code: 'CONFLICT', message: COACH_CODE_MESSAGES.used });
    }
    await insertCoachLink(trx, invite.couple_id, coachId, now);
    return { coupleId: invite.couple_id };
  });
}

/** Either partner may end any coach's access; the coach's focus for the couple goes with it. */
export async function revokeCoach(ctx: Context, user: UserWithCouple, coachId: string): Promise<{ ok: true }> {
  const coupleId = user.couple_id;
  if (!coupleId) throw NOT_IN_COUPLE();
  const removed = await ctx.db.transaction().execute((trx) => deleteCoachLink(trx, coupleId, coachId));
  if (!removed) throw new TRPCError({ code: 'NOT_FOUND', message: 'That coach has no access to your couple.' });
  // The coach's focus for the couple, with its note, went with the link.
  await checkpointAfterErase(ctx.db);
  return { ok: true };
}

const ACCESS_LOG_LIMIT = 50;

/**
 * When the couple's coaches last looked, newest first: from the partner's own joining on, since what a coach read
 * before then was the other partner's alone.
 */
export async function readCoachAccessLog(ctx: Context, user: UserWithCouple): Promise<CoachAccessDto[]> {
  if (!user.couple_id) return [];
  const joinedAt = (await listPartners(ctx.db, user.couple_id)).find((m) => m.id === user.id)?.joinedAt;
  if (joinedAt === undefined) return [];
  const rows = await listCoachReads(ctx.db, user.couple_id, joinedAt, ACCESS_LOG_LIMIT);
  return rows.map((r) => ({ coachId: r.coach_id, coachName: r.coach_name, what: r.what, at: r.at }));
}
