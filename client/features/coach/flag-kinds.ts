import type { RosterFlagKind } from '#shared/schemas/coach.schema';

/** The roster's flags in the order a coach would want to read them; labels live with the page (flag-labels.ts). */
export const FLAG_KINDS: readonly [RosterFlagKind, ...RosterFlagKind[]] = [
  'connection-drop',
  'measure-cutoff',
  'measure-change',
  'practice-drop',
  'missed-check-ins',
  'gap',
  'measure-missed',
  'no-focus',
];
