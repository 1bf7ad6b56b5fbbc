import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';

/** Who can read one of your own reflections, said plainly. */
export function readersOfMine(visibility: ReflectionVisibility, partnerName: string | null): string {
  const partner = partnerName ?? 'your partner';
  if (visibility === 'private') return 'Only you can read this.';
  if (visibility === 'partner') return `You and ${partner} can read this.`;
  return partnerName ? `You, ${partnerName} and your coach can read this.` : 'You and your coach can read this.';
}

/** Who can read a reflection your partner shared (their name is said just before). */
export function readersOfTheirs(visibility: ReflectionVisibility): string {
  return visibility === 'partner_and_coach' ? 'Shared with you and your coach.' : 'Shared with you.';
}

const LABELS: Record<ReflectionVisibility, (partner: string | null) => string> = {
  private: () => 'Only me',
  partner: (partner) => `Me and ${partner ?? 'my partner'}`,
  partner_and_coach: (partner) => (partner ? `Me, ${partner} and our coach` : 'Me and our coach'),
};

/**
 * The choices when writing, in the order of who else reads them: only the audiences there are. No partner, no
 * "Me and my partner"; no coach, no "our coach". A reflection being edited keeps its own choice on the list, so it is
 * never left with none.
 */
export function visibilityOptions(
  partnerName: string | null,
  hasCoach: boolean,
  current?: ReflectionVisibility,
): { value: ReflectionVisibility; label: string }[] {
  const offered: ReflectionVisibility[] = ['private'];
  if (partnerName) offered.push('partner');
  if (hasCoach) offered.push('partner_and_coach');
  if (current && !offered.includes(current)) offered.push(current);
  return offered.map((value) => ({ value, label: LABELS[value](partnerName) }));
}

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
export const formatDay = (iso: string) => dayMonthYear.format(new Date(iso));
