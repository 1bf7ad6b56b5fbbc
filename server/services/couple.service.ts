import { randomUUID } from 'node:crypto';
import type { CoupleDto, InviteDto } from '#shared/schemas/couple.schema';
import { hashSecret, newInviteCode, normalizeInviteCode } from '#server/auth/secrets';
import type { DB } from '#server/db/database';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { Conflict, Forbidden, NotFound } from '#server/errors';
import { deleteCoachFocusesOfCouple } from '#server/repositories/coach-focuses.repository';
import { listCoaches } from '#server/repositories/coach-links.repository';
import { countMembers, findCoupleIdOfUser, insertCouple, insertMember } from '#server/repositories/couples.repository';
import {
  expireOpenInvites,
  findOpenInvite,
  insertInvite,
  markInviteUsed,
} from '#server/repositories/invites.repository';
import type { CoupleAccess } from './access.service';
import { recordActivity } from './activity.service';
import type { Caller } from './caller';
import { coupleOpenedBy, openInvite, type CodeMessages } from './one-time-codes';
import { stillInCouple } from './still-in-couple';

export const MAX_PARTNERS = 2;
const ALREADY_PAIRED = "You're already in a couple, so you can't join another.";

/**
 * A demo account keeps the demo couple it was made with. It is deleted within a day by a plain delete, not by leaving:
 * paired with a real person, it would vanish from their couple with no "left", its focus and codes still in place.
 */
export function refuseDemoPairing(caller: Caller): void {
  if (caller.isDemo === 1) {
    throw new Forbidden(
      'The demo keeps its own couple. Sign up for an account of your own to start a couple or join one.',
    );
  }
}

export async function createCouple(deps: AppDeps, caller: Caller): Promise<InviteDto> {
  refuseDemoPairing(caller);
  if (caller.coupleId) {
    throw new Conflict("You're already in a couple. Leave it first to start another.");
  }
  const coupleId = randomUUID();
  const nowIso = deps.now().toISOString();
  try {
    return await inTransaction(deps.db, async (trx) => {
      await insertCouple(trx, { id: coupleId, createdAt: nowIso });
      await insertMember(trx, coupleId, caller.id, nowIso);
      return issueInvite(trx, deps, coupleId, caller.id);
    });
  } catch (error) {
    // A second tab may have created a couple a moment earlier: the unique membership index refuses the insert.
    if (isUniqueViolation(error)) throw new Conflict("You're already in a couple.");
    throw error;
  }
}

const NOT_IN_COUPLE_TO_INVITE = () => new Conflict('Create a couple first, then invite your partner.');

/** A fresh code for the second partner; any earlier open code stops working. */
export async function renewInvite(deps: AppDeps, caller: Caller): Promise<InviteDto> {
  const coupleId = caller.coupleId;
  if (!coupleId) throw NOT_IN_COUPLE_TO_INVITE();
  return inTransaction(deps.db, async (trx) => {
    await stillInCouple(trx, caller);
    if ((await countMembers(trx, coupleId)) >= MAX_PARTNERS) {
      throw new Conflict('Your couple already has both partners.');
    }
    await expireOpenInvites(trx, coupleId, deps.now().toISOString());
    return issueInvite(trx, deps, coupleId, caller.id);
  });
}

/** Written through `db`, the transaction the caller is in; the clock and the code's lifetime come from `deps`. */
async function issueInvite(db: DB, deps: AppDeps, coupleId: string, createdBy: string): Promise<InviteDto> {
  const inviteCode = newInviteCode();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.inviteTtlMs).toISOString();
  await insertInvite(db, 'couple_invites', {
    codeHash: hashSecret(normalizeInviteCode(inviteCode)),
    coupleId,
    createdBy,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { coupleId, inviteCode, expiresAt };
}

export async function joinCouple(deps: AppDeps, caller: Caller, rawCode: string): Promise<{ coupleId: string }> {
  refuseDemoPairing(caller);
  const codeHash = hashSecret(normalizeInviteCode(rawCode));
  if (caller.coupleId) {
    // The same person sending the code they joined with again (a retry after a lost answer) joined already.
    if ((await coupleOpenedBy(deps.db, 'couple_invites', codeHash, caller.id)) === caller.coupleId) {
      return { coupleId: caller.coupleId };
    }
    throw new Conflict(ALREADY_PAIRED);
  }
  const now = deps.now().toISOString();
  try {
    const joined = await inTransaction(deps.db, async (trx) => joinInTransaction(trx, caller.id, codeHash, now));
    // A coach's note deleted by the join leaves the write-ahead log too, as every deletion of someone's words does.
    await checkpointAfterErase(deps.db);
    return joined;
  } catch (error) {
    // Another call of the same person (a second tab, a batch) joined a moment earlier.
    if (isUniqueViolation(error)) throw new Conflict(ALREADY_PAIRED);
    throw error;
  }
}

const INVITE_CODE_MESSAGES: CodeMessages = {
  unknown: "That invite code doesn't match any couple. Check it with your partner.",
  used: 'This invite code has already been used.',
  expired: 'This invite code has expired. Ask your partner to make a new one in Settings.',
};

async function joinInTransaction(
  trx: DB,
  userId: string,
  codeHash: string,
  now: string,
): Promise<{ coupleId: string }> {
  if (await findCoupleIdOfUser(trx, userId)) {
    throw new Conflict(ALREADY_PAIRED);
  }
  const invite = await openInvite(trx, 'couple_invites', codeHash, now, INVITE_CODE_MESSAGES);
  if ((await countMembers(trx, invite.coupleId)) >= MAX_PARTNERS) {
    throw new Conflict('This couple already has both partners.');
  }
  if (!(await markInviteUsed(trx, 'couple_invites', codeHash, userId, now))) {
    throw new Conflict(INVITE_CODE_MESSAGES.used);
  }
  await insertMember(trx, invite.coupleId, userId, now);
  // A coach's focus and note assigned while the one who stayed was alone were written for them alone: the new pairing
  // starts from none, as a leaving starts it (account.service.ts).
  await deleteCoachFocusesOfCouple(trx, invite.coupleId);
  await recordActivity(trx, invite.coupleId, 'joined', userId, now);
  return { coupleId: invite.coupleId };
}

/** The couple as the viewer of `access` sees it; only a partner is told when the open invite code expires. */
export async function describeCouple(deps: AppDeps, access: CoupleAccess): Promise<CoupleDto> {
  if (!access.coupleId) {
    throw new NotFound("You're not in a couple yet. Create one or join with your partner's code.");
  }
  const partners = access.members.map((m) => ({ id: m.id, displayName: m.displayName }));
  const coaches = (await listCoaches(deps.db, access.coupleId)).map((c) => ({
    id: c.id,
    displayName: c.displayName,
    since: c.linkedAt,
  }));
  const dto: CoupleDto = { coupleId: access.coupleId, partners, coaches };
  if (access.viewerRole === 'partner') {
    const open = await findOpenInvite(deps.db, access.coupleId, deps.now().toISOString());
    dto.inviteExpiresAt = partners.length < MAX_PARTNERS ? (open?.expiresAt ?? null) : null;
  }
  return dto;
}
