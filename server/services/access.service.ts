import { membershipStart, type MembershipStart } from '#shared/domain/membership';
import type { DB } from '#server/db/database';
import { Forbidden, Invalid } from '#server/errors';
import { findCoachLinkStart, hasCoachLink, listPartnersForCoach } from '#server/repositories/coach-links.repository';
import { listPartners, type CoupleMemberRow } from '#server/repositories/couples.repository';
import type { Caller } from './caller';

/**
 * Whose data a request may read: the couple (if any), its current partners, and since when their data is the
 * couple's (see `MembershipStart`): anyone but its author reads a member's data only from then on.
 */
export interface CoupleAccess extends MembershipStart {
  coupleId: string | null;
  viewerId: string;
  /** A coach reads the couple's shared data only: never notes, never reflections not shared with the coach. */
  viewerRole: 'partner' | 'coach';
  /** The current partners with when each joined; map them to DTOs field by field. */
  members: CoupleMemberRow[];
}

function accessTo(coupleId: string, caller: Caller, members: CoupleMemberRow[]): CoupleAccess {
  // Worked out from the rows that list the members: no extra read.
  return {
    coupleId,
    viewerId: caller.id,
    viewerRole: caller.role,
    members,
    ...membershipStart(members),
  };
}

const notShared = () => new Forbidden("That couple isn't shared with you.");

/**
 * A coach's access, read again in the transaction that writes on it: the base procedure checked it when the request
 * began, and a partner's revoke may have committed since. What a coach writes for a couple after the revoke would
 * outlive the access the revoke ended.
 */
export async function stillCoaching(trx: DB, coupleId: string, coachId: string): Promise<void> {
  if (!(await hasCoachLink(trx, coupleId, coachId))) throw notShared();
}

/**
 * The single place that decides who may read a couple. The same message for "no such couple" and "not yours",
 * so an id cannot be probed for existence. `callerPartners` are the partners of the caller's own couple when they
 * were read with the session (`readSession`), which spares a read; without them, they are read here.
 */
export async function resolveCoupleAccess(
  db: DB,
  caller: Caller,
  requestedCoupleId: string | undefined,
  callerPartners: readonly CoupleMemberRow[] = [],
): Promise<CoupleAccess> {
  if (caller.role === 'partner') {
    if (requestedCoupleId !== undefined && requestedCoupleId !== caller.coupleId) throw notShared();
    if (!caller.coupleId) {
      // Before pairing a partner still has their own check-ins, and shares them with nobody. (With no couple there is
      // no joining; the account's creation stands in, and nothing reads it.)
      const alone = { id: caller.id, displayName: caller.displayName, joinedAt: caller.createdAt, partnerLeftAt: null };
      return {
        coupleId: null,
        viewerId: caller.id,
        viewerRole: 'partner',
        members: [alone],
        sharedSince: null,
        sharedFromWeek: null,
      };
    }
    // A partner is always among their couple's partners, so an empty list means they were not read with the session.
    const partners = callerPartners.length > 0 ? [...callerPartners] : await listPartners(db, caller.coupleId);
    return accessTo(caller.coupleId, caller, partners);
  }
  if (requestedCoupleId === undefined) {
    throw new Invalid('coupleId: a coach must name the couple.');
  }
  // Consent is read on every request, so a revoked coach is refused on the very next one. A couple nobody is left in
  // reads like a couple without consent.
  const members = await listPartnersForCoach(db, requestedCoupleId, caller.id);
  if (members.length === 0) throw notShared();
  return accessTo(requestedCoupleId, caller, members);
}

/**
 * When a coach's current access to the couple began: what the couple gave a coach before it (in an earlier access
 * that ended) is not read in this one, as with reflections shared with the coach and the feed. Null for a partner.
 */
export async function coachAccessStart(db: DB, access: CoupleAccess): Promise<string | null> {
  if (access.viewerRole !== 'coach' || access.coupleId === null) return null;
  const start = await findCoachLinkStart(db, access.coupleId, access.viewerId);
  // coupleReadProcedure checked the access as the request began; a revoke may have committed since.
  if (start === null) throw notShared();
  return start;
}

/**
 * Since when the couple's past is the viewer's too: a partner's own joining (the one who stayed keeps what the
 * couple did before the other joined), a coach's the start of the current membership.
 */
export function viewerPresentSince(access: CoupleAccess): string | null {
  if (access.viewerRole === 'coach' || access.coupleId === null) return access.sharedSince;
  return access.members.find((m) => m.id === access.viewerId)?.joinedAt ?? null;
}
