/**
 * The ten practice ids of the contract, in order. Kept apart from the catalogue's text so that schemas and charts
 * can name practices without shipping every description to the login page.
 */
export const PRACTICE_IDS = [
  'communication',
  'vulnerability',
  'presence',
  'shared-experiences',
  'emotional-needs',
  'trust',
  'empathy',
  'celebration',
  'rituals',
  'patience',
] as const;

export type PracticeId = (typeof PRACTICE_IDS)[number];

export function isPracticeId(value: unknown): value is PracticeId {
  return typeof value === 'string' && (PRACTICE_IDS as readonly string[]).includes(value);
}
