import type { SideBySideRow } from '../../../shared/schemas/dashboard.schema';

/** Partners keep their slot (colour, line style); only the label changes, so the viewer reads "You". */
export function viewerNames(partners: { userId: string; displayName: string }[], viewerId: string): string[] {
  return partners.map((p) => (p.userId === viewerId ? 'You' : p.displayName));
}

/** "Blake sees 4, you see 8": numbers with their owners, never a winner. */
export function twoPerspectives(names: string[], row: SideBySideRow): string {
  return row.partners
    .map((p, i) => {
      const name = names[i] ?? '';
      return name === 'You' ? `${i === 0 ? 'You' : 'you'} see ${p.latest}` : `${name} sees ${p.latest}`;
    })
    .join(', ');
}
