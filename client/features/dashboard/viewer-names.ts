import type { SideBySideRow } from '#shared/schemas/dashboard.schema';

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

/** "Blake sees 4, you see 8": numbers with their owners, never a winner. */
export function twoPerspectives({ names, viewerSlot }: PartnerLabels, row: SideBySideRow): string {
  return row.partners
    .map((p, i) =>
      i === viewerSlot ? `${i === 0 ? 'You' : 'you'} see ${p.latest}` : `${names[i] ?? ''} sees ${p.latest}`,
    )
    .join(', ');
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
