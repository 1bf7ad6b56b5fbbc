import { describe, expect, it } from 'vitest';
import {
  DECLINE_WEIGHT,
  FOUNDATION_BONUS,
  GAP_WEIGHT,
  suggestNext,
  type SuggestionInput,
  type SuggestionResult,
} from '#shared/domain/suggestion';
import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import { addWeeks, type Week } from '#shared/week';
import { ratingsOf } from '../helpers/ratings';

const THIS = '2026-W48';
const ago = (weeks: number): Week => addWeeks(THIS, -weeks);

type Entry = SuggestionInput['partners'][number]['entries'][number];
type Partner = SuggestionInput['partners'][number];

/**
 * One check-in `weeksAgo` weeks before last week, the latest week a suggestion for this week rests on (`at(0)` is last
 * week): every practice at `base` but the ones named.
 */
const at = (weeksAgo: number, overrides: Partial<Ratings> = {}, base = 8): Entry => ({
  week: ago(weeksAgo + 1),
  ratings: ratingsOf(base, overrides),
});

/**
 * Consecutive weekly check-ins ending last week, oldest first, one value per week for each practice named; the
 * rest sit at `base`. A week where every named practice is null was skipped.
 */
function series(values: Partial<Record<PracticeId, (number | null)[]>>, base = 8): Entry[] {
  const columns = Object.entries(values) as [PracticeId, (number | null)[]][];
  const length = Math.max(...columns.map(([, column]) => column.length));
  const entries: Entry[] = [];
  for (let i = 0; i < length; i += 1) {
    const picked = columns.filter(([, column]) => column[i] != null).map(([id, column]) => [id, column[i]!] as const);
    if (picked.length > 0) entries.push(at(length - 1 - i, Object.fromEntries(picked), base));
  }
  return entries;
}

const alex = (entries: Entry[]): Partner => ({ name: 'Alex', entries });
const blake = (entries: Entry[]): Partner => ({ name: 'Blake', entries });
/** Both partners with the same check-ins. */
const both = (entries: Entry[]): Partner[] => [alex(entries), blake(entries)];

function input(partners: Partner[], extra: Partial<SuggestionInput> = {}): SuggestionInput {
  return { thisWeek: THIS, partners, focus: null, coachFocus: null, ...extra };
}

const scoreOf = (result: SuggestionResult, id: PracticeId) =>
  result.ranking.find((row) => row.practiceId === id)!.score;

describe('level: lower recent levels are more urgent', () => {
  it.each<[string, Partner[], PracticeId, string]>([
    [
      'the lowest practice for both partners',
      both(series({ trust: [3, 3, 3] })),
      'trust',
      'Trust averaged 3 for both of you over the last three check-ins, the lowest of the ten.',
    ],
    [
      'the lower partner matters more than the mean (4 and 6 before 4.7 and 4.7)',
      [
        alex(series({ empathy: [4, 4, 4], presence: [5, 5, 4] })),
        blake(series({ empathy: [6, 6, 6], presence: [5, 5, 4] })),
      ],
      'empathy',
      'Empathy averaged 4 for Alex and 6 for Blake over the last three check-ins, the lowest of the ten.',
    ],
    [
      'only the last three check-ins count',
      both(series({ trust: [1, 8, 8, 8], presence: [7, 7, 7, 7] })),
      'presence',
      'Presence averaged 7 for both of you',
    ],
    [
      'missing weeks: the last three logged weeks within the last eight',
      both([at(7, { trust: 2 }), at(5, { trust: 2 }), at(2, { trust: 2 })]),
      'trust',
      'Trust averaged 2 for both of you over the last three check-ins',
    ],
    [
      'a check-in eight weeks ago is too old to count',
      both([at(8, { trust: 1 }), at(1), at(0, { presence: 6 })]),
      'presence',
      'Presence averaged 7',
    ],
    [
      'this week and the weeks to come are left for later',
      both([at(-2, { trust: 1 }), at(-1, { empathy: 1 }), at(0, { presence: 7 })]),
      'presence',
      'Presence stood at 7',
    ],
    [
      'one week only',
      both([at(0, { trust: 2 })]),
      'trust',
      'Trust stood at 2 for both of you in the latest check-in, the lowest of the ten.',
    ],
    [
      'numbers rounded to one decimal',
      both(series({ trust: [3, 3, 4] })),
      'trust',
      'Trust averaged 3.3 for both of you',
    ],
    [
      'partners with different numbers of check-ins',
      [alex(series({ presence: [6, 6, 6] }, 6)), blake([at(0, { presence: 5 }, 6)])],
      'presence',
      'Presence averaged 6 for Alex and 5 for Blake over recent check-ins, the lowest of the ten.',
    ],
  ])('%s', (_label, partners, expected, reason) => {
    const result = suggestNext(input(partners));
    expect(result.practiceId).toBe(expected);
    expect(result.reasons.join(' ')).toContain(reason);
  });
});

describe('urgency scores', () => {
  it.each<[string, Partner[], PracticeId, number]>([
    ['both at 5: (10 - 5) * 0.7 + (10 - 5) * 0.3', both([at(0, { presence: 5 })]), 'presence', 5],
    [
      '3 and 9: the lower level, the mean and a gap of 6',
      [alex([at(0, { presence: 3 })]), blake([at(0, { presence: 9 })])],
      'presence',
      7.9,
    ],
    [
      '4 and 6: a gap of 2 adds nothing',
      [alex([at(0, { presence: 4 })]), blake([at(0, { presence: 6 })])],
      'presence',
      5.7,
    ],
    [
      '5 and 8: a gap of 3 adds 0.9',
      [alex([at(0, { presence: 5 })]), blake([at(0, { presence: 8 })])],
      'presence',
      5.45,
    ],
    ['one partner at 5', [alex([at(0, { presence: 5 })]), blake([])], 'presence', 5],
    ['a fall of 4 adds 2 to a level of 5.7', both(series({ presence: [9, 6, 6, 6, 5] })), 'presence', 6.33],
    ['communication carries its bonus', both([at(0, { communication: 5 })]), 'communication', 5 + FOUNDATION_BONUS],
    ['all tens: nothing urgent', both([at(0, {}, 10)]), 'presence', 0],
    ['no data: nothing urgent', both([]), 'presence', 0],
    ['no data: the foundations keep their bonus', both([]), 'trust', FOUNDATION_BONUS],
  ])('%s', (_label, partners, id, expected) => {
    expect(scoreOf(suggestNext(input(partners)), id)).toBeCloseTo(expected, 2);
  });

  it('weights a decline and a gap by their size', () => {
    const falls = suggestNext(input(both(series({ presence: [10, 5, 5, 5, 5] }))));
    expect(scoreOf(falls, 'presence')).toBeCloseTo(5 + 5 * DECLINE_WEIGHT, 2);
    const apart = suggestNext(input([alex([at(0, { presence: 2 })]), blake([at(0, { presence: 10 })])]));
    expect(scoreOf(apart, 'presence')).toBeCloseTo(8 * 0.7 + 4 * 0.3 + 8 * GAP_WEIGHT, 2);
  });
});

describe('decline: a fall of 3 or more over four weeks', () => {
  it.each<[string, Partner[], PracticeId, string | null]>([
    [
      'a fall of 4 outranks a flat practice at the same level',
      both(series({ rituals: [9, 6, 6, 6, 5], celebration: [6, 6, 5, 6, 6] })),
      'rituals',
      'Rituals fell 4 points for both of you over four weeks, from 9 to 5.',
    ],
    [
      'a fall of 4 outranks even a flat foundation at the same level',
      both(series({ rituals: [9, 6, 6, 6, 5], communication: [6, 6, 5, 6, 6] })),
      'rituals',
      'Rituals fell 4 points for both of you over four weeks, from 9 to 5.',
    ],
    [
      'a fall of 2 adds nothing: the tie goes to contract order',
      both(series({ rituals: [8, 8, 8, 8, 6], presence: [7, 7, 7, 8, 7] })),
      'presence',
      null,
    ],
    [
      'the larger of the two partners’ falls counts',
      [alex(series({ rituals: [8, 8, 8, 8, 5] })), blake(series({ rituals: [9, 8, 8, 8, 4] }))],
      'rituals',
      'Rituals fell 5 points for Blake over four weeks, from 9 to 4.',
    ],
    [
      'a skipped week: the nearest check-in, the earlier of two',
      both([at(5, { rituals: 9 }), at(3, { rituals: 8 }), at(0, { rituals: 5 })]),
      'rituals',
      'Rituals fell 4 points for both of you over five weeks, from 9 to 5.',
    ],
    [
      'nothing three to five weeks back: no fall to measure',
      both([at(7, { rituals: 10 }), at(0, { rituals: 4 })]),
      'rituals',
      null,
    ],
    ['a rise is not a decline', both(series({ rituals: [2, 5, 5, 5, 6] })), 'rituals', null],
  ])('%s', (_label, partners, expected, reason) => {
    const result = suggestNext(input(partners));
    expect(result.practiceId).toBe(expected);
    if (reason) expect(result.reasons).toContain(reason);
    else expect(result.reasons.join(' ')).not.toContain('fell');
  });
});

describe('perception gap: partners 3 or more points apart', () => {
  it.each<[string, Partner[], PracticeId, string | null]>([
    [
      'names in alphabetical order whoever joined first',
      [blake([at(0, { empathy: 1 })]), alex([at(0, { empathy: 8 })])],
      'empathy',
      "Over recent check-ins, Alex's own rating of empathy is 8 and Blake's is 1: 7 points apart, a gap worth talking about.",
    ],
    [
      'a gap of 3 lifts 5 and 8 above 5 and 7',
      [alex([at(0, { empathy: 5, presence: 5 })]), blake([at(0, { empathy: 8, presence: 7 })])],
      'empathy',
      "Alex's own rating of empathy is 5 and Blake's is 8: 3 points apart",
    ],
    [
      'a gap of 2 is not a conversation',
      [alex([at(0, { presence: 5 })]), blake([at(0, { presence: 7 })])],
      'presence',
      null,
    ],
  ])('%s', (_label, partners, expected, reason) => {
    const result = suggestNext(input(partners));
    expect(result.practiceId).toBe(expected);
    if (reason) expect(result.reasons.join(' ')).toContain(reason);
    else expect(result.reasons.join(' ')).not.toContain('apart');
  });
});

describe('foundations: communication and trust first among near-ties', () => {
  it.each<[string, Partner[], PracticeId, boolean]>([
    ['all practices equal', both(series({}, 6).concat([at(0, {}, 6)])), 'communication', true],
    ['all tens', both([at(1, {}, 10), at(0, {}, 10)]), 'communication', true],
    [
      'trust at 7 before presence at 6.7: within the bonus',
      both(series({ trust: [7, 7, 7], presence: [7, 7, 6] })),
      'trust',
      true,
    ],
    [
      'presence at 6 before trust at 7: beyond the bonus',
      both(series({ trust: [7, 7, 7], presence: [6, 6, 6] })),
      'presence',
      false,
    ],
    ['communication before trust when they tie', both([at(0, { trust: 4, communication: 4 })]), 'communication', false],
  ])('%s', (_label, partners, expected, explained) => {
    const result = suggestNext(input(partners));
    expect(result.practiceId).toBe(expected);
    expect(result.reasons.some((r) => r.startsWith('Communication and trust carry the other practices'))).toBe(
      explained,
    );
  });
});

describe('patience: a focus adopted under two weeks ago stays first', () => {
  const lowPresence = both([at(1, { presence: 3 }), at(0, { presence: 3 })]);
  const ritualsFall = both(series({ rituals: [9, 6, 6, 6, 5] }));
  it.each<[string, Partner[], SuggestionInput['focus'], PracticeId, string]>([
    [
      'adopted this week: kept',
      lowPresence,
      { practiceId: 'trust', sinceWeek: THIS },
      'trust',
      'You chose trust as your focus this week',
    ],
    [
      'adopted last week: kept',
      lowPresence,
      { practiceId: 'trust', sinceWeek: ago(1) },
      'trust',
      'You chose trust as your focus last week',
    ],
    [
      'a week still to come counts as new',
      lowPresence,
      { practiceId: 'trust', sinceWeek: ago(-1) },
      'trust',
      'this week',
    ],
    [
      'two weeks on, the scores decide again',
      lowPresence,
      { practiceId: 'trust', sinceWeek: ago(2) },
      'presence',
      'Presence averaged 3',
    ],
    [
      'a sharp fall elsewhere comes first',
      ritualsFall,
      { practiceId: 'trust', sinceWeek: ago(1) },
      'rituals',
      'Rituals fell 4 points for both of you over four weeks, from 9 to 5, so it comes before your focus on trust for now.',
    ],
    [
      'a fall of 2 does not end the patience',
      both(series({ rituals: [8, 8, 8, 8, 6] })),
      { practiceId: 'trust', sinceWeek: ago(1) },
      'trust',
      'You chose trust',
    ],
    [
      'a fall in a practice still less urgent than the focus does not end it',
      both(series({ trust: [5, 5, 5, 5, 5], presence: [2, 2, 2, 2, 2], rituals: [10, 10, 10, 10, 7] })),
      { practiceId: 'trust', sinceWeek: ago(1) },
      'trust',
      'You chose trust',
    ],
    [
      'the focus falling itself keeps it',
      both(series({ trust: [9, 6, 6, 6, 5], presence: [2, 2, 2, 2, 2] })),
      { practiceId: 'trust', sinceWeek: ago(1) },
      'trust',
      'Trust fell 4 points',
    ],
    [
      'the fall comes first, not a third practice that was already lower',
      both(series({ presence: [2, 2, 2, 2, 2], rituals: [9, 6, 6, 6, 5] })),
      { practiceId: 'trust', sinceWeek: THIS },
      'rituals',
      'so it comes before your focus on trust for now',
    ],
  ])('%s', (_label, partners, focus, expected, reason) => {
    const result = suggestNext(input(partners, { focus }));
    expect(result.practiceId).toBe(expected);
    expect(result.ranking[0]!.practiceId).toBe(expected);
    expect(result.reasons.join(' ')).toContain(reason);
  });
});

describe('coach: their focus comes first', () => {
  const sam = (note: string | null) => ({ practiceId: 'patience' as const, note, coachName: 'Sam' });
  it.each<[string, Partner[], Partial<SuggestionInput>, string[]]>([
    [
      'with a note',
      both([at(0, { trust: 2 })]),
      { coachFocus: sam('Go slowly.') },
      ['Your coach, Sam, chose patience for you to focus on, with this note: "Go slowly."'],
    ],
    [
      'without a note',
      both([at(0, { trust: 2 })]),
      { coachFocus: sam(null) },
      ['Your coach, Sam, chose patience for you to focus on.'],
    ],
    [
      'a blank note is no note',
      both([at(0, { trust: 2 })]),
      { coachFocus: sam('   ') },
      ['Your coach, Sam, chose patience for you to focus on.'],
    ],
    [
      'over a sharp fall and a young focus',
      both(series({ rituals: [9, 6, 6, 6, 5] })),
      { coachFocus: sam(null), focus: { practiceId: 'trust', sinceWeek: THIS } },
      ['Your coach, Sam, chose patience for you to focus on.'],
    ],
    [
      'before anyone has checked in',
      both([]),
      { coachFocus: sam(null) },
      [
        'Your coach, Sam, chose patience for you to focus on.',
        'There are no check-ins from before this week to go on yet, so there are no ratings to weigh yet.',
      ],
    ],
  ])('%s', (_label, partners, extra, reasons) => {
    const result = suggestNext(input(partners, extra));
    expect(result.practiceId).toBe('patience');
    expect(result.ranking[0]!.practiceId).toBe('patience');
    expect(result.reasons.slice(0, reasons.length)).toEqual(reasons);
  });
});

describe('cold start: begin with communication', () => {
  it.each<[string, Partner[], Partial<SuggestionInput>, string]>([
    [
      'no check-ins at all',
      both([]),
      {},
      'There are no check-ins from before this week to go on yet, so begin with communication',
    ],
    [
      'check-ins this week only: they count from next week',
      both([at(-1, { trust: 1 })]),
      {},
      'There are no check-ins from before this week to go on yet',
    ],
    ['no partners yet', [], {}, 'There are no check-ins from before this week'],
    ['a couple of one', [alex([])], {}, 'There are no check-ins from before this week'],
    [
      'only check-ins older than eight weeks',
      both([at(9, { trust: 1 })]),
      {},
      'Neither of you checked in in the eight weeks before this one',
    ],
    [
      'a couple of one, long ago, reading it themselves',
      [{ ...alex([at(9, { trust: 1 })]), you: true }],
      {},
      'You did not check in in the eight weeks before this one',
    ],
    [
      'an old focus does not hold',
      both([]),
      { focus: { practiceId: 'trust', sinceWeek: ago(3) } },
      'begin with communication',
    ],
  ])('%s', (_label, partners, extra, reason) => {
    const result = suggestNext(input(partners, extra));
    expect(result.practiceId).toBe('communication');
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toContain(reason);
  });

  it('a young focus holds even without check-ins', () => {
    const result = suggestNext(input(both([]), { focus: { practiceId: 'trust', sinceWeek: THIS } }));
    expect(result.practiceId).toBe('trust');
    expect(result.reasons).toEqual([
      'You chose trust as your focus this week; giving it at least two weeks lets it take hold.',
      'There are no check-ins from before this week to go on yet, so there are no ratings to weigh yet.',
    ]);
  });
});

describe('one partner only', () => {
  it.each<[string, Partner[], string | null]>([
    [
      'the other has never checked in',
      [alex([at(0, { trust: 3 })]), blake([])],
      "Blake has no check-ins from before this week yet, so this rests on Alex's check-ins alone.",
    ],
    [
      'in either join order',
      [blake([]), alex([at(0, { trust: 3 })])],
      "Blake has no check-ins from before this week yet, so this rests on Alex's check-ins alone.",
    ],
    [
      'the other checked in this week only',
      [alex([at(0, { trust: 3 })]), blake([at(-1, { presence: 1 })])],
      "Blake has no check-ins from before this week yet, so this rests on Alex's check-ins alone.",
    ],
    [
      'the other checked in long ago',
      [alex([at(0, { trust: 3 })]), blake([at(10, { presence: 1 })])],
      "Blake did not check in in the eight weeks before this one, so this rests on Alex's check-ins alone.",
    ],
    ['a couple of one has no one missing', [alex([at(0, { trust: 3 })])], null],
  ])('%s', (_label, partners, note) => {
    const result = suggestNext(input(partners));
    expect(result.practiceId).toBe('trust');
    expect(result.reasons[0]).toBe('Trust stood at 3 for Alex in the latest check-in, the lowest of the ten.');
    if (note) expect(result.reasons).toContain(note);
    else expect(result.reasons).toHaveLength(1);
  });
});

describe('the reader: a partner is "you", a coach reads about "them"', () => {
  const asAlex = (partners: Partner[]) => partners.map((p) => ({ ...p, you: p.name === 'Alex' }));
  it.each<[string, SuggestionInput, string[]]>([
    [
      'own ratings, never "sees"',
      { ...input(asAlex([alex([at(0, { empathy: 1 })]), blake([at(0, { empathy: 8 })])])) },
      [
        "Over recent check-ins, your own rating of empathy is 1 and Blake's is 8: 7 points apart, a gap worth talking about.",
      ],
    ],
    [
      'a level, to a partner',
      input(asAlex([alex(series({ empathy: [4, 4, 4] })), blake(series({ empathy: [6, 6, 6] }))])),
      ['Empathy averaged 4 for you and 6 for Blake over the last three check-ins, the lowest of the ten.'],
    ],
    [
      'a level, to a coach',
      input(both(series({ trust: [3, 3, 3] })), { reader: 'coach' }),
      ['Trust averaged 3 for both of them over the last three check-ins, the lowest of the ten.'],
    ],
    [
      'a fall, to a partner',
      input(asAlex([alex(series({ rituals: [8, 8, 8, 8, 5] })), blake(series({ rituals: [9, 8, 8, 8, 4] }))])),
      ['Rituals fell 5 points for Blake over four weeks, from 9 to 4.'],
    ],
    [
      'the partner who has not checked in is the reader',
      input([alex([at(0, { trust: 3 })]), { ...blake([]), you: true }]),
      [
        'Trust stood at 3 for Alex in the latest check-in, the lowest of the ten.',
        "You have no check-ins from before this week yet, so this rests on Alex's check-ins alone.",
      ],
    ],
    [
      'the partner who has checked in is the reader',
      input(asAlex([alex([at(0, { trust: 3 })]), blake([])])),
      [
        'Trust stood at 3 for you in the latest check-in, the lowest of the ten.',
        'Blake has no check-ins from before this week yet, so this rests on your check-ins alone.',
      ],
    ],
    [
      "the couple's young focus, to a coach",
      input(both([]), { reader: 'coach', focus: { practiceId: 'trust', sinceWeek: THIS } }),
      [
        'They chose trust as their focus this week; giving it at least two weeks lets it take hold.',
        'There are no check-ins from before this week to go on yet, so there are no ratings to weigh yet.',
      ],
    ],
    [
      'a coach reads their own choice as theirs',
      input(both([]), {
        reader: 'coach',
        coachFocus: { practiceId: 'patience', note: 'Go slowly.', coachName: 'Sam', byReader: true },
      }),
      ['You chose patience for them to focus on, with this note: "Go slowly."'],
    ],
    [
      "another coach's choice, to a coach",
      input(both([]), { reader: 'coach', coachFocus: { practiceId: 'patience', note: null, coachName: 'Kim' } }),
      ['Their coach, Kim, chose patience for them to focus on.'],
    ],
    [
      'nobody lately, to a coach',
      input(both([at(9)]), { reader: 'coach' }),
      ['Neither of them checked in in the eight weeks before this one, so begin with communication'],
    ],
  ])('%s', (_label, value, reasons) => {
    const result = suggestNext(value);
    for (const [i, reason] of reasons.entries()) expect(result.reasons[i]).toContain(reason);
  });

  it.each<[string, Partial<SuggestionInput>, SuggestionResult['basis']]>([
    ['the check-ins', {}, 'ratings'],
    ['a young focus', { focus: { practiceId: 'trust', sinceWeek: THIS } }, 'focus'],
    ['an older focus', { focus: { practiceId: 'trust', sinceWeek: ago(2) } }, 'ratings'],
    ['a coach', { coachFocus: { practiceId: 'trust', note: null, coachName: 'Kim' } }, 'coach'],
  ])('says what put the practice first: %s', (_label, extra, basis) => {
    expect(suggestNext(input(both([at(0, { presence: 3 })]), extra)).basis).toBe(basis);
  });

  it('says the check-ins put a sharp fall before a young focus', () => {
    const result = suggestNext(
      input(both(series({ rituals: [9, 6, 6, 6, 5] })), { focus: { practiceId: 'trust', sinceWeek: THIS } }),
    );
    expect(result).toMatchObject({ practiceId: 'rituals', basis: 'ratings' });
  });
});

describe('every result', () => {
  const cases: [string, SuggestionInput][] = [
    ['no data', input(both([]))],
    ['one week', input(both([at(0, { trust: 2 })]))],
    ['all tens', input(both([at(0, {}, 10)]))],
    [
      'a fall, a gap and a missing week',
      input([alex(series({ rituals: [9, null, 6, 6, 5] })), blake([at(0, { rituals: 1, empathy: 2 })])]),
    ],
    [
      'a pinned focus',
      input(both(series({ presence: [3, 3] })), { focus: { practiceId: 'patience', sinceWeek: THIS } }),
    ],
    [
      'a coach with a young focus and one partner',
      input([alex([at(0, { trust: 2 })]), blake([])], {
        focus: { practiceId: 'rituals', sinceWeek: THIS },
        coachFocus: { practiceId: 'patience', note: 'Breathe first.', coachName: 'Sam' },
      }),
    ],
  ];

  it.each(cases)('%s: ranks all ten once, the suggestion first, with one to three plain reasons', (_label, value) => {
    const result = suggestNext(value);
    expect(result.ranking.map((row) => row.practiceId).sort()).toEqual([...PRACTICE_IDS].sort());
    expect(result.ranking[0]!.practiceId).toBe(result.practiceId);
    expect(result.reasons.length).toBeGreaterThanOrEqual(1);
    expect(result.reasons.length).toBeLessThanOrEqual(3);
    for (const reason of result.reasons) {
      expect(reason).not.toContain('!');
      expect(reason).toMatch(/^[A-Z].*[."]$/);
      // One decimal at most in every number cited.
      expect(reason).not.toMatch(/\d\.\d\d/);
    }
  });

  it.each(cases)('%s: the same for swapped partners and reversed entries', (_label, value) => {
    const swapped = {
      ...value,
      partners: [...value.partners].reverse().map((p) => ({ ...p, entries: [...p.entries].reverse() })),
    };
    expect(suggestNext(swapped)).toEqual(suggestNext(value));
  });

  it('scores the rest from most to least urgent', () => {
    const result = suggestNext(
      input([alex(series({ rituals: [9, 7, 6, 6, 5], empathy: [3, 3, 3, 3, 3] })), blake([at(0, { trust: 4 })])]),
    );
    const scores = result.ranking.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('does not change its input', () => {
    const value = input([alex(series({ rituals: [9, 6, 6, 6, 5] })), blake([])], {
      focus: { practiceId: 'trust', sinceWeek: THIS },
    });
    const copy = structuredClone(value);
    suggestNext(value);
    expect(value).toEqual(copy);
  });
});
