// English wording used wherever Tandem writes a sentence, on the server (the suggestion's reasons, the roster's flags)
// and in the client alike, so a count, a number or a list of names reads the same everywhere.

import { round1 } from './domain/numbers';
import type { PracticeId } from './practice-ids';
import { PRACTICES_BY_ID } from './practices';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Small counts read better as words ("the last three check-ins"). */
export function countWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

/** A rating or average as people write it: one decimal at most, "3.2", "8". */
export function formatNumber(value: number): string {
  return String(round1(value));
}

export function points(value: number): string {
  const text = formatNumber(value);
  return `${text} ${text === '1' ? 'point' : 'points'}`;
}

/** The practice's short name, which reads naturally inside a sentence ("trust", "shared moments"). */
export function practiceLabel(practiceId: PracticeId, startOfSentence = false): string {
  const name = PRACTICES_BY_ID[practiceId].shortName;
  return startOfSentence ? name : lowerFirst(name);
}

/** "Alex", "Alex and Blake", "Alex, Blake and Casey". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** A label written to open a sentence, placed inside one: "Week of 3 Nov" becomes "week of 3 Nov". */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
