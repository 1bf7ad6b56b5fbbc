import { TRPCError } from '@trpc/server';
import type { CoupleMemberDto } from '../../shared/schemas/couple.schema';
import type { DB } from '../db/database';
import { listPartnersForCoach } from '../repositories/coach-links.repository';
import { listPartners } from '../repositories/couples.repository';
import type { UserWithCouple } from '../repositories/users.repository';

/** Whose data a request may read: the couple (if any) and its current partners. */
export interface CoupleAccess {
  coupleId: string | null;
  viewerId: string;
  /** A coach reads the couple's shared data only: never notes, never reflections not shared with the coach. */
  viewerRole: 'partner' | 'coach';
  members: CoupleMemberDto[];
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
      // Before pairing a partner still has their own check-ins.
      return { coupleId: null, viewerId: viewer.id, viewerRole: 'partner', members: [{ id: viewer.id, displayName: viewer.display_name }] };
    }
    return { coupleId: viewer.couple_id, viewerId: viewer.id, viewerRole: 'partner', members: await listPartners(db, viewer.couple_id) };
  }
  if (requestedCoupleId === undefined) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'coupleId: a coach must name the couple.' });
  }
  // Consent is read on every request, so a revoked coach is refused on the very next one. A couple nobody is left in
  // reads like a couple without consent.
  const members = await listPartnersForCoach(db, requestedCoupleId, viewer.id);
  if (members.length === 0) throw notShared();
  return { coupleId: requestedCoupleId, viewerId: viewer.id, viewerRole: 'coach', members };
}
