import { compareWeeks, weekOf, type Week } from '#shared/week';
import type { OwnedWeek } from './visibility';

/**
 * What someone shared was shared with the people of their couple at that time, not with whoever they pair with
 * later. A couple's current membership began at the latest change of who is in it: its latest member joining, or a
 * partner leaving the ones who stayed. From then on, and only then, each member's data is the couple's. Before it, a
 * person's data is theirs alone, even inside the same couple; and when a partner leaves, what the one who stayed
 * shared with the two of them stays with that pairing, even for the couple's coach.
 */
export interface MembershipStart {
  /** The latest change of the couple's membership (an ISO time), or null with no couple. */
  sharedSince: string | null;
  /** The week of `sharedSince`: the week in which the membership changed counts as shared. */
  sharedFromWeek: Week | null;
}

/** A current member of a couple, with when they joined it and when a partner last left while they stayed. */
export interface MembershipTimes {
  joinedAt: string;
  partnerLeftAt: string | null;
}

export function membershipStart(members: readonly MembershipTimes[]): MembershipStart {
  let latest: string | null = null;
  for (const { joinedAt, partnerLeftAt } of members) {
    for (const at of [joinedAt, partnerLeftAt]) if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return { sharedSince: latest, sharedFromWeek: latest === null ? null : weekOf(new Date(latest)) };
}

/**
 * Whether a check-in belongs to what the viewer may see at all. Their own, always: leaving a couple never takes a
 * person's history from them. Anyone else's (a partner's, or every member's for a coach), only from the week the
 * couple's current membership began. A null viewer stands for someone who is no member (a coach, or "everyone").
 * The rule of weeks still under way (`visibilityFilter`) applies on top of this one.
 */
export function withinMembership(viewerId: string | null, sharedFromWeek: Week | null): (row: OwnedWeek) => boolean {
  return (row) => row.userId === viewerId || (sharedFromWeek !== null && compareWeeks(row.week, sharedFromWeek) >= 0);
}

/** Whether something shared at `sharedAt` was shared with the couple's current membership (and so may be read by it). */
export function sharedWithinMembership(sharedAt: string | null, sharedSince: string | null): boolean {
  return sharedAt !== null && sharedSince !== null && sharedAt >= sharedSince;
}

/**
 * Whether a focus of the couple belongs to what the viewer lived through: one still running, or one that ended
 * after `since` (a partner's own joining, so the one who stayed keeps the couple's past; for a coach the start of
 * the current membership). A focus that ended before then belongs to an earlier pairing.
 */
export function focusWithin(focus: { endedAt: string | null }, since: string | null): boolean {
  // Strictly after: a focus that ended as someone joined (the leaving that made room for them) was not theirs.
  return focus.endedAt === null || (since !== null && focus.endedAt > since);
}
