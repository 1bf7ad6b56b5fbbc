import type { RosterFlagKind } from '#shared/schemas/coach.schema';

/** Short names for the roster's flags. */
export const FLAG_LABELS: Readonly<Record<RosterFlagKind, string>> = {
  'connection-drop': 'Connection falling',
  'practice-drop': 'A practice falling',
  'missed-check-ins': 'Missed check-ins',
  gap: 'Seeing it differently',
  'no-focus': 'No focus lately',
};
