import type { RosterFlagKind } from '#shared/schemas/coach.schema';

/** Short names for the roster's flags. */
export const FLAG_LABELS: Readonly<Record<RosterFlagKind, string>> = {
  'connection-drop': 'Connection falling',
  'measure-cutoff': 'Past a measure’s cut-off',
  'measure-change': 'A measure worsening',
  'practice-drop': 'A practice falling',
  'missed-check-ins': 'Missed check-ins',
  gap: 'Seeing it differently',
  'measure-missed': 'A measure unanswered',
  'no-focus': 'No focus lately',
};
