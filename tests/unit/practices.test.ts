import { describe, expect, it } from 'vitest';
import { isPracticeId, PRACTICE_IDS, PRACTICES, PRACTICES_BY_ID, type Practice } from '#shared/practices';

// The contract's table, in its order.
const CONTRACT: [string, string][] = [
  ['communication', 'Genuine communication'],
  ['vulnerability', 'Emotional vulnerability'],
  ['presence', 'Being present and mindful'],
  ['shared-experiences', 'Shared experiences that matter'],
  ['emotional-needs', "Understanding each other's emotional needs"],
  ['trust', 'Building trust, gradually and consistently'],
  ['empathy', 'Empathy, not just sympathy'],
  ['celebration', "Celebrating each other's growth"],
  ['rituals', 'Rituals of connection'],
  ['patience', 'Patience: giving it time'],
];

const nonEmpty = (text: unknown) => typeof text === 'string' && text.trim().length > 0;

/** Every piece of prose a practice holds, labelled by where it sits. */
function texts(practice: Practice): [string, string][] {
  return [
    ['summary', practice.summary],
    ['inDailyLife', practice.inDailyLife],
    ['whyItMatters', practice.whyItMatters],
    ['reflectionQuestion', practice.reflectionQuestion],
    ['scale.low', practice.scale.low],
    ['scale.middle', practice.scale.middle],
    ['scale.high', practice.scale.high],
    ...practice.exercises.flatMap((exercise, i): [string, string][] => [
      [`exercises[${i}].title`, exercise.title],
      [`exercises[${i}].steps`, exercise.steps],
    ]),
  ];
}

describe('the practice catalogue', () => {
  it('holds exactly the ten contract ids, in contract order, with the contract names', () => {
    expect(PRACTICE_IDS).toEqual(CONTRACT.map(([id]) => id));
    expect(PRACTICES.map((p) => [p.id, p.name])).toEqual(CONTRACT);
  });

  it('indexes every practice by its id', () => {
    expect(Object.keys(PRACTICES_BY_ID).sort()).toEqual([...PRACTICE_IDS].sort());
    for (const practice of PRACTICES) expect(PRACTICES_BY_ID[practice.id]).toBe(practice);
  });

  it.each(CONTRACT)('%s is complete', (id) => {
    const practice = PRACTICES.find((p) => p.id === id)!;
    expect(practice).toBeDefined();
    for (const [where, text] of texts(practice)) expect(nonEmpty(text), `${id}.${where}`).toBe(true);
    expect(practice.exercises.length).toBeGreaterThanOrEqual(3);
    for (const exercise of practice.exercises) {
      expect(Number.isInteger(exercise.minutes) && exercise.minutes > 0, `${id}: ${exercise.title}`).toBe(true);
    }
    expect(practice.reflectionQuestion.trim().endsWith('?')).toBe(true);
    const { low, middle, high } = practice.scale;
    expect(new Set([low, middle, high]).size).toBe(3);
  });

  it('repeats no text between practices, or within one', () => {
    const seen = new Map<string, string>();
    for (const practice of PRACTICES) {
      for (const [where, text] of texts(practice)) {
        const key = text.trim().toLowerCase();
        expect(seen.get(key), `${practice.id}.${where} repeats ${seen.get(key)}`).toBeUndefined();
        seen.set(key, `${practice.id}.${where}`);
      }
    }
  });

  it.each([
    ['communication', true],
    ['patience', true],
    ['Communication', false],
    ['honesty', false],
    ['', false],
    [3, false],
    [null, false],
  ])('isPracticeId(%j) is %s', (value, expected) => {
    expect(isPracticeId(value)).toBe(expected);
  });
});
