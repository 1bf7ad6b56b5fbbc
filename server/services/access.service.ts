import { TRPCError } from '@trpc/server';
import { membershipStart, type MembershipStart } from '../../shared/domain/membership';
import type { DB } from '../db/database';
import { listPartnersForCoach } from '../repositories/coach-links.repository';
import { listPartners, type CoupleMemberRow } from '../repositories/couples.repository';
import type { UserWithCouple } from '../repositories/users.repository';

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

function accessTo(coupleId: string, viewer: UserWithCouple, members: CoupleMemberRow[]): CoupleAccess {
  // Worked out from the rows that list the members: no extra read.
  return { coupleId, viewerId: viewer.id, viewerRole: viewer.role, members, ...membershipStart(members.map((m) => m.joinedAt)) };
}

const notShared = () =>
  new TRPCError({ code: 'FORBIDDEN', message: "That couple isn't shared with you." });

/**
 * The single place that decides who may read a couple. The same message for "no such couple" and "not yours",
 * so an id cannot be probed for existence.
 */
export async function resolveCoupleAccess(
  db: DB,
  viewer: UserWithCouple,
  requestedCoupleId: string | undefined,
): Promise<CoupleAccess> {
  if (viewer.role === 'partner') {
    if (requestedCoupleId !== undefined && requestedCoupleId !== viewer.couple_id) throw notShared();
    if (!viewer.couple_id) {
      // Before pairing a partner still has their own check-ins, and shares them with nobody. (With no couple there is
      // no joining; the account's creation stands in, and nothing reads it.)
      const alone = { id: viewer.id, displayName: viewer.display_name, joinedAt: viewer.created_at };
      return { coupleId: null, viewerId: viewer.id, viewerRole: 'partner', members: [alone], sharedSince: null, sharedFromWeek: null };
    }
    return accessTo(viewer.couple_id, viewer, await listPartners(db, viewer.couple_id));
  }
  if (requestedCoupleId === undefined) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'coupleId: a coach must name the couple.' });
  }
  // Consent is read on every request, so a revoked coach is refused on the very next one. A couple nobody is left in
  // reads like a couple without consent.
  const members = await listPartnersForCoach(db, requestedCoupleId, viewer.id);
  if (members.length === 0) throw notShared();
  return accessTo(requestedCoupleId, viewer, members);
}

/**
 * Since when the couple's past is the viewer's too: a partner's own joining (the one who stayed keeps what the
 * couple did before the other joined), a coach's the start of the current membership.
 */
export function viewerPresentSince(access: CoupleAccess): string | null {
  if (access.viewerRole === 'coach' || access.coupleId === null) return access.sharedSince;
  return access.members.find((m) => m.id === access.viewerId)?.joinedAt ?? null;
}
