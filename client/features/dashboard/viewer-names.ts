import { listNames } from '#shared/wording';

export interface PartnerLabels {
  /** What each slot is called on screen: "You" for the viewer, the display name for the other. */
  names: string[];
  /** The viewer's slot, or -1 for someone outside the couple (a coach). */
  viewerSlot: number;
}

/** Partners keep their slot (colour, line style); only the label changes, so the viewer reads "You". */
export function partnerLabels(partners: { userId: string; displayName: string }[], viewerId: string): PartnerLabels {
  const viewerSlot = partners.findIndex((p) => p.userId === viewerId);
  return { names: partners.map((p, i) => (i === viewerSlot ? 'You' : p.displayName)), viewerSlot };
}

/** Whether a partner of the couple is reading (rather than a coach). */
export const readByPartner = ({ viewerSlot }: PartnerLabels) => viewerSlot >= 0;

/** "Your" for the viewer's slot, "Sam's" for anyone else's. */
export function possessive({ names, viewerSlot }: PartnerLabels, slot: number): string {
  return slot === viewerSlot ? 'Your' : `${names[slot] ?? ''}'s`;
}

/**
 * "Your own rating: 6 · Sam's own rating: 9": the ratings are self-ratings, so each number is said to be its owner's
 * own, the reader's first. Never "Sam sees 9, you see 6", which reads as two opinions of one thing, and never a winner.
 */
export function ownRatings(labels: PartnerLabels, values: readonly (number | null)[]): string {
  const slots = values.map((_, slot) => slot);
  const ordered = labels.viewerSlot >= 0 ? [labels.viewerSlot, ...slots.filter((s) => s !== labels.viewerSlot)] : slots;
  return ordered
    .filter((slot) => values[slot] != null)
    .map((slot) => `${possessive(labels, slot)} own rating: ${values[slot]!}`)
    .join(' · ');
}

/** The two of them as the reader calls them: "you both" to a partner, "Alex and Blake" to a coach. */
export function bothOf(labels: PartnerLabels): string {
  return readByPartner(labels) ? 'you both' : listNames(labels.names);
}

/** "Each of you" to a partner ("You" to one on their own), "Each of them" to a coach. */
export function eachOf(labels: PartnerLabels): string {
  if (!readByPartner(labels)) return 'Each of them';
  return labels.names.length === 1 ? 'You' : 'Each of you';
}

/**
 * What a table or tooltip says where a partner checked in but the hiding rule keeps the ratings back: to a partner,
 * that they will see them once they check in; to a coach, once both have.
 */
export function heldBackText(labels: PartnerLabels): string {
  return readByPartner(labels) ? 'waiting for your check-in' : 'shows once both have checked in';
}

/**
 * "Blake changed their ratings for the week of 23 Nov after you had both answered, when each of you could see the
 * other's": who, in the viewer's words, and why it matters (the answers were no longer blind), never a reproach.
 */
export function lateChangeText({ names, viewerSlot }: PartnerLabels, slot: number, week: string): string {
  const who = slot === viewerSlot ? 'You changed your' : `${names[slot] ?? ''} changed their`;
  const when =
    viewerSlot === -1
      ? 'after both partners had answered, when each could'
      : 'after you had both answered, when each of you could';
  return `${who} ratings for the ${week} ${when} see the other's.`;
}
