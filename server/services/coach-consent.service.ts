import { inTransaction } from '#server/db/dialect';
import type { CoachAccessDto, CoachInviteDto } from '#shared/schemas/coach.schema';
import { hashSecret, newInviteCode, normalizeInviteCode } from '#server/auth/secrets';
import type { DB } from '#server/db/database';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { Conflict, NotFound } from '#server/errors';
import { listCoachReads } from '#server/repositories/coach-access-log.repository';
import { insertInvite, markInviteUsed } from '#server/repositories/invites.repository';
import {
  deleteCoachLink,
  findCoachLinkStart,
  hasCoachLink,
  insertCoachLink,
} from '#server/repositories/coach-links.repository';
import { listPartners } from '#server/repositories/couples.repository';
import { endAssignmentsOfCoachForCouple } from '#server/repositories/measure-assignments.repository';
import { recordActivity } from './activity.service';
import type { CoupleAccess } from './access.service';
import type { Caller } from './caller';
import { coupleOpenedBy, openInvite, type CodeMessages } from './one-time-codes';
import { stillInCouple } from './still-in-couple';

// A coach reaches a couple only through a code one of the partners made, and loses it the moment either partner
// revokes it: access is read from coach_links on every request, never cached in a session.

const NOT_IN_COUPLE = () => new Conflict('Create your couple first; then you can invite a coach to it.');

/** A one-time code for a coach, valid for the same time as a partner invite. Several may be open at once. */
export async function inviteCoach(deps: AppDeps, caller: Caller): Promise<CoachInviteDto> {
  if (!caller.coupleId) throw NOT_IN_COUPLE();
  const coachCode = newInviteCode();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.inviteTtlMs).toISOString();
  await inTransaction(deps.db, async (trx) =>
    insertInvite(trx, 'coach_invites', {
      codeHash: hashSecret(normalizeInviteCode(coachCode)),
      coupleId: await stillInCouple(trx, caller),
      createdBy: caller.id,
      createdAt: now.toISOString(),
      expiresAt,
    }),
  );
  return { coachCode, expiresAt };
}

const COACH_CODE_MESSAGES: CodeMessages = {
  unknown: "That code doesn't match any couple. Check it with the couple who sent it.",
  used: 'This code has already been used. Ask the couple for a new one.',
  expired: 'This code has expired. Ask the couple to make a new one in their settings.',
};

/** The calling coach takes up a couple's code: from now on they may read what the couple shares with coaches. */
export async function acceptCoachInvite(deps: AppDeps, caller: Caller, rawCode: string): Promise<{ coupleId: string }> {
  const coachId = caller.id;
  const codeHash = hashSecret(normalizeInviteCode(rawCode));
  const now = deps.now().toISOString();
  return inTransaction(deps.db, async (trx) => {
    // This coach sending the code they accepted again (a retry after a lost answer), while the access lasts.
    const accepted = await coupleOpenedBy(trx, 'coach_invites', codeHash, coachId);
    if (accepted !== null && (await hasCoachLink(trx, accepted, coachId))) return { coupleId: accepted };
    const invite = await openInvite(trx, 'coach_invites', codeHash, now, COACH_CODE_MESSAGES);
    if (await hasCoachLink(trx, invite.coupleId, coachId)) {
      throw new Conflict('You already coach this couple.');
    }
    if (!(await markInviteUsed(trx, 'coach_invites', codeHash, coachId, now))) {
      throw new Conflict(COACH_CODE_MESSAGES.used);
    }
    await insertCoachLink(trx, invite.coupleId, coachId, now);
    await recordActivity(trx, invite.coupleId, 'coach-access-started', coachId, now);
    return { coupleId: invite.coupleId };
  });
}

/** Either partner may end any coach's access; the coach's focus and measure schedules for the couple go with it. */
export async function revokeCoach(deps: AppDeps, caller: Caller, coachId: string): Promise<{ ok: true }> {
  const coupleId = caller.coupleId;
  if (!coupleId) throw NOT_IN_COUPLE();
  const nowIso = deps.now().toISOString();
  const removed = await inTransaction(deps.db, async (trx) => {
    await stillInCouple(trx, caller);
    const done = await deleteCoachLink(trx, coupleId, coachId, nowIso);
    // The measures that coach scheduled for the couple stop with the access.
    if (done) await endAssignmentsOfCoachForCouple(trx, coupleId, coachId, nowIso);
    if (done) await recordActivity(trx, coupleId, 'coach-access-ended', coachId, nowIso);
    return done;
  });
  if (!removed) throw new NotFound('That coach has no access to your couple.');
  // The coach's focus for the couple, with its note, went with the link.
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

/**
 * Since when something shared "with our coach" was shared with this coach: the later of the couple's current
 * membership and the start of the coach's own access. What was shared before the coach was let in was shared with
 * the coach of that moment (or with none), not with whoever the couple lets in later. Null for no access.
 */
export async function sharedWithCoachSince(db: DB, access: CoupleAccess): Promise<string | null> {
  if (!access.coupleId || access.sharedSince === null) return null;
  const linkedAt = await findCoachLinkStart(db, access.coupleId, access.viewerId);
  if (linkedAt === null) return null;
  return linkedAt > access.sharedSince ? linkedAt : access.sharedSince;
}

const ACCESS_LOG_LIMIT = 50;

/**
 * When the couple's coaches last looked, newest first: from the partner's own joining on, since what a coach read
 * before then was the other partner's alone.
 */
export async function readCoachAccessLog(deps: AppDeps, caller: Caller): Promise<CoachAccessDto[]> {
  if (!caller.coupleId) return [];
  const joinedAt = (await listPartners(deps.db, caller.coupleId)).find((m) => m.id === caller.id)?.joinedAt;
  if (joinedAt === undefined) return [];
  const rows = await listCoachReads(deps.db, caller.coupleId, joinedAt, ACCESS_LOG_LIMIT);
  return rows.map((r) => ({ coachId: r.coachId, coachName: r.coachName, what: r.what, at: r.at }));
}
