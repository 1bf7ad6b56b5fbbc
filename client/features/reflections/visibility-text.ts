import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';

/** Who can read one of your own reflections, said plainly. */
export function readersOfMine(visibility: ReflectionVisibility, partnerName: string | null): string {
  const partner = partnerName ?? 'your partner';
  if (visibility === 'private') return 'Only you can read this.';
  if (visibility === 'partner') return `You and ${partner} can read this.`;
  return `You, ${partner} and your coach can read this.`;
}

/** Who can read a reflection your partner shared. */
export function readersOfTheirs(visibility: ReflectionVisibility, authorName: string): string {
  return visibility === 'partner_and_coach'
    ? `${authorName} shared this with you and your coach.`
    : `${authorName} shared this with you.`;
}

/** The choices when writing, in the order of who else reads them. */
export function visibilityOptions(partnerName: string | null): { value: ReflectionVisibility; label: string }[] {
  const partner = partnerName ?? 'my partner';
  return [
    { value: 'private', label: 'Only me' },
    { value: 'partner', label: `Me and ${partner}` },
    { value: 'partner_and_coach', label: `Me, ${partner} and our coach` },
  ];
}

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
export const formatDay = (iso: string) => dayMonthYear.format(new Date(iso));
