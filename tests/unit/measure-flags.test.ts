import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byFlagUrgency, URGENCY, urgencyOf } from '#shared/domain/coach-flags';
import {
  lastEndedPeriods,
  measureFlags,
  RECENT_ANSWERS_NEEDED,
  visibleAnswers,
  type MeasureFlagAnswer,
  type MeasureFlagAssignment,
  type MeasureFlagInput,
  type MeasureFlagPartner,
} from '#shared/domain/measure-flags';
import { endedPeriods, hasPeriodEnded } from '#shared/domain/measure-periods';
import { measureVisibilityFilter } from '#shared/domain/measure-visibility';
import type { RosterFlag } from '#shared/schemas/coach.schema';
import { addWeeks, compareWeeks, currentWeek } from '#shared/week';

/** Wednesday of 2026-W48. Every two weeks from W40: W46 and W44 have ended, W48 is under way. */
const NOW = new Date('2026-11-25T12:00:00.000Z');
const AT = '2026-11-01T09:00:00.000Z';

const moodScale: MeasureFlagAssignment = {
  assignmentId: 'as-1',
  measureName: 'Weekly Mood',
  startWeek: '2026-W40',
  everyWeeks: 2,
  cutoff: { value: 10, direction: 'above' },
  reliableChange: 5,
};

const ana: MeasureFlagPartner = { id: 'ana', displayName: 'Ana', first: null };
const ben: MeasureFlagPartner = { id: 'ben', displayName: 'Ben', first: null };

const scored = (userId: string, period: string, score: number): MeasureFlagAnswer => ({
  userId,
  period,
  score,
  skipped: false,
  createdAt: AT,
});
const skip = (userId: string, period: string): MeasureFlagAnswer => ({
  userId,
  period,
  score: null,
  skipped: true,
  createdAt: AT,
});
/** Ben answers every period with a steady 5, so only Ana's rows decide. */
const benSteady = ['2026-W40', '2026-W42', '2026-W44', '2026-W46'].map((p) => scored('ben', p, 5));

function input(answers: MeasureFlagAnswer[], extra: Partial<MeasureFlagInput> = {}): MeasureFlagInput {
  const assignment = extra.assignment ?? moodScale;
  return {
    assignment,
    partners: [ana, ben],
    sharedFromWeek: '2026-W01',
    answers,
    now: NOW,
    ...extra,
    sharedSince: extra.sharedSince ?? null,
  };
}

const kinds = (flags: RosterFlag[]) => flags.map((f) => `${f.kind}:${f.detail.split("'")[0]!.split(' ')[0]}`);

describe('measure-cutoff', () => {
  it.each([
    [
      'rising past the cut-off',
      [8, 14],
      'above',
      "Ana's score on Weekly Mood rose from 8 to 14, past the cut-off of 10.",
    ],
    [
      'reaching it exactly',
      [8, 10],
      'above',
      "Ana's score on Weekly Mood rose from 8 to 10, reaching the cut-off of 10.",
    ],
    [
      'falling to it, concern below',
      [12, 10],
      'below',
      "Ana's score on Weekly Mood fell from 12 to 10, reaching the cut-off of 10.",
    ],
    [
      'falling past it, concern below',
      [12, 4.5],
      'below',
      "Ana's score on Weekly Mood fell from 12 to 4.5, past the cut-off of 10.",
    ],
  ] as const)('flags %s', (_, [before, after], direction, detail) => {
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', before), scored('ana', '2026-W46', after)], {
        assignment: { ...moodScale, cutoff: { value: 10, direction }, reliableChange: null },
      }),
    );
    expect(flags).toEqual([{ kind: 'measure-cutoff', assignmentId: 'as-1', detail }]);
  });

  it.each([
    ['already in concern before', [11, 14]],
    ['still outside concern', [3, 9.99]],
    ['moving out of concern', [14, 8]],
  ] as const)('does not flag a score %s', (_, [before, after]) => {
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', before), scored('ana', '2026-W46', after)], {
        assignment: { ...moodScale, reliableChange: null },
      }),
    );
    expect(flags).toEqual([]);
  });

  it('does not flag a first score in concern (nothing was crossed), nor without a cut-off', () => {
    expect(measureFlags(input([...benSteady, scored('ana', '2026-W46', 14)]))).toEqual([]);
    const noCutoff = { ...moodScale, cutoff: null };
    expect(
      measureFlags(
        input([...benSteady, scored('ana', '2026-W44', 2), scored('ana', '2026-W46', 30)], { assignment: noCutoff }),
      ),
    ).toEqual([]);
  });

  it('compares with the last score before a skipped or missed period, and with a first older than the rows', () => {
    // W44 skipped: the previous answered score is W42's.
    const skipped = input(
      [...benSteady, scored('ana', '2026-W42', 8), skip('ana', '2026-W44'), scored('ana', '2026-W46', 14)],
      { assignment: { ...moodScale, reliableChange: null } },
    );
    expect(measureFlags(skipped).map((f) => f.detail)).toEqual([
      "Ana's score on Weekly Mood rose from 8 to 14, past the cut-off of 10.",
    ]);
    // Every week: Ana's only row is W47's; her first answer, older than it, is the one before it.
    const weekly = { ...moodScale, everyWeeks: 1, reliableChange: null };
    const answers = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'].flatMap((p) => [scored('ben', p, 5)]);
    const withBefore = input([...answers, scored('ana', '2026-W47', 12)], {
      assignment: weekly,
      partners: [{ ...ana, first: { period: '2026-W41', score: 7, createdAt: AT } }, ben],
    });
    expect(measureFlags(withBefore).map((f) => f.detail)).toContain(
      "Ana's score on Weekly Mood rose from 7 to 12, past the cut-off of 10.",
    );
  });

  it('waits, in a period under way, until both partners have answered it', () => {
    const earlier = [...benSteady, scored('ana', '2026-W46', 8)];
    const flagsOf = (answers: MeasureFlagAnswer[]) => kinds(measureFlags(input([...earlier, ...answers])));
    // Only Ana has answered W48: a coach does not see it yet.
    expect(flagsOf([scored('ana', '2026-W48', 14)])).toEqual([]);
    // Ben's skip is no answer: still hidden.
    expect(flagsOf([scored('ana', '2026-W48', 14), skip('ben', '2026-W48')])).toEqual([]);
    // Once both have answered, it counts (a rise of 6 is a reliable worsening too).
    expect(flagsOf([scored('ana', '2026-W48', 14), scored('ben', '2026-W48', 5)])).toEqual([
      'measure-cutoff:Ana',
      'measure-change:Ana',
    ]);
  });

  it('counts nothing from before the couple’s current membership', () => {
    // The membership began in W46: Ana's W44 score was for an earlier pairing, so W46 is her first.
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', 8), scored('ana', '2026-W46', 14)], {
        sharedFromWeek: '2026-W46',
        assignment: { ...moodScale, reliableChange: null },
      }),
    );
    expect(flags).toEqual([]);
  });

  it('counts an answer given since the membership began, in a period that began before it', () => {
    // Cleo joined Ana on Wednesday of W47, in the middle of the period W46–W47. Ana answered that period after Cleo
    // joined: it belongs to them. Her W44 answer, given before, does not.
    const joined = '2026-11-18T12:00:00.000Z';
    const cleo: MeasureFlagPartner = { id: 'cleo', displayName: 'Cleo', first: null };
    const after = (row: MeasureFlagAnswer): MeasureFlagAnswer => ({ ...row, createdAt: '2026-11-19T08:00:00.000Z' });
    const flags = measureFlags(
      input(
        [
          scored('ana', '2026-W44', 20),
          after(scored('ana', '2026-W46', 8)),
          after(scored('cleo', '2026-W46', 5)),
          after(scored('ana', '2026-W48', 14)),
          after(scored('cleo', '2026-W48', 5)),
        ],
        { partners: [ana, cleo], sharedFromWeek: '2026-W47', sharedSince: joined },
      ),
    );
    expect(flags.map((f) => f.detail)).toEqual([
      "Ana's score on Weekly Mood rose from 8 to 14, past the cut-off of 10.",
      "Ana's score on Weekly Mood rose from 8, their first, to 14: a change toward concern of at least the reliable change of 5.",
    ]);
  });

  it('ignores the rows of someone who is no longer a partner', () => {
    const flags = measureFlags(
      input([
        scored('cleo', '2026-W48', 14),
        scored('ana', '2026-W46', 8),
        scored('ana', '2026-W48', 14),
        ...benSteady,
      ]),
    );
    // Cleo's W48 answer does not complete the period: Ben has not answered it.
    expect(flags).toEqual([]);
  });
});

describe('measure-change', () => {
  it('flags a reliable worsening since the first score, from before the window too', () => {
    const partners = [{ ...ana, first: { period: '2026-W20', score: 3, createdAt: AT } }, ben];
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', 7), scored('ana', '2026-W46', 8)], {
        assignment: { ...moodScale, startWeek: '2026-W20' },
        partners,
      }),
    );
    expect(flags).toEqual([
      {
        kind: 'measure-change',
        assignmentId: 'as-1',
        detail:
          "Ana's score on Weekly Mood rose from 3, their first, to 8: a change toward concern of at least the reliable change of 5.",
      },
    ]);
  });

  it.each([
    ['exactly the threshold', 3, 8, true],
    ['a hundredth short of it', 3, 7.99, false],
    ['an improvement', 9, 2, false],
  ])('%s: %s → %s flags: %s', (_, first, latest, flagged) => {
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', first), scored('ana', '2026-W46', latest)], {
        assignment: { ...moodScale, cutoff: { value: 20, direction: 'above' } },
      }),
    );
    expect(flags.map((f) => f.kind)).toEqual(flagged ? ['measure-change'] : []);
  });

  it('reads the direction from the cut-off, and needs a cut-off and a threshold', () => {
    const answers = [...benSteady, scored('ana', '2026-W44', 12), scored('ana', '2026-W46', 4)];
    const below = { ...moodScale, cutoff: { value: 2, direction: 'below' as const } };
    expect(measureFlags(input(answers, { assignment: below })).map((f) => f.detail)).toEqual([
      "Ana's score on Weekly Mood fell from 12, their first, to 4: a change toward concern of at least the reliable change of 5.",
    ]);
    expect(measureFlags(input(answers, { assignment: { ...below, cutoff: null } }))).toEqual([]);
    expect(measureFlags(input(answers, { assignment: { ...below, reliableChange: null } }))).toEqual([]);
  });

  it('takes the first score within the membership', () => {
    // The first answer ever (W20) predates the membership (W42); the first that counts is W44's.
    const partners = [{ ...ana, first: { period: '2026-W20', score: 1, createdAt: AT } }, ben];
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W44', 7), scored('ana', '2026-W46', 8)], {
        partners,
        sharedFromWeek: '2026-W42',
        assignment: { ...moodScale, startWeek: '2026-W20', cutoff: { value: 20, direction: 'above' } },
      }),
    );
    expect(flags).toEqual([]);
  });
});

describe('measure-missed', () => {
  it('flags the last two ended periods unanswered, a skip included', () => {
    const flags = measureFlags(input([...benSteady, scored('ana', '2026-W42', 3), skip('ana', '2026-W44')]));
    expect(flags).toEqual([
      {
        kind: 'measure-missed',
        assignmentId: 'as-1',
        detail: 'Ana has not answered Weekly Mood in the last two periods, from 26 Oct and from 9 Nov.',
      },
    ]);
  });

  it('does not flag one answer among the two, nor a period still under way', () => {
    expect(measureFlags(input([...benSteady, scored('ana', '2026-W44', 3)]))).toEqual([]);
    // W46 answered, W48 under way and unanswered: not missed yet.
    expect(measureFlags(input([...benSteady, scored('ana', '2026-W46', 3)]))).toEqual([]);
  });

  it('counts only periods from the assignment’s start and from the membership’s start', () => {
    // Started in W44: W44 and W46 have ended, both unanswered by Ana.
    const late = { ...moodScale, startWeek: '2026-W44' };
    expect(kinds(measureFlags(input(benSteady, { assignment: late })))).toEqual(['measure-missed:Ana']);
    // Started in W46: only one period has ended.
    expect(measureFlags(input(benSteady, { assignment: { ...moodScale, startWeek: '2026-W46' } }))).toEqual([]);
    // The membership began in W45: W44 belonged to an earlier pairing, so only W46 counts.
    expect(measureFlags(input(benSteady, { sharedFromWeek: '2026-W45' }))).toEqual([]);
  });

  it('flags each partner who missed, partner by partner', () => {
    expect(kinds(measureFlags(input([])))).toEqual(['measure-missed:Ana', 'measure-missed:Ben']);
  });

  it('counts a period answered on an earlier version of the measure as answered', () => {
    // Ana answered W44 and W46 before the coach edited the questions: no answer of hers is on the current version.
    const earlier = [
      { userId: 'ana', period: '2026-W44' },
      { userId: 'ana', period: '2026-W46' },
    ];
    expect(measureFlags(input(benSteady, { answeredOnEarlierVersions: earlier }))).toEqual([]);
    // One of the two is enough, as with answers on the current version.
    expect(measureFlags(input(benSteady, { answeredOnEarlierVersions: earlier.slice(1) }))).toEqual([]);
    // Ben's earlier answers are no answers of Ana's; and a period older than the last two ended ones does not count.
    const others = [
      { userId: 'ben', period: '2026-W46' },
      { userId: 'ana', period: '2026-W42' },
    ];
    expect(kinds(measureFlags(input(benSteady, { answeredOnEarlierVersions: others })))).toEqual([
      'measure-missed:Ana',
    ]);
  });

  it('takes no score from a period answered on an earlier version', () => {
    // Ana's one score on the current version is 14, in concern; W44 answered before the edit gives no score "before"
    // it, so nothing was crossed and there is no change to read.
    const flags = measureFlags(
      input([...benSteady, scored('ana', '2026-W46', 14)], {
        answeredOnEarlierVersions: [{ userId: 'ana', period: '2026-W44' }],
      }),
    );
    expect(flags).toEqual([]);
  });
});

describe('ordering and urgency', () => {
  it('lists cut-off crossings, then worsenings, then misses', () => {
    const partners = [ana, { ...ben, first: { period: '2026-W40', score: 1, createdAt: AT } }];
    const flags = measureFlags(
      input(
        [
          scored('ana', '2026-W44', 8),
          scored('ana', '2026-W46', 14),
          scored('ben', '2026-W40', 1),
          scored('ben', '2026-W42', 9),
        ],
        { partners },
      ),
    );
    expect(kinds(flags)).toEqual([
      'measure-cutoff:Ana',
      'measure-change:Ana',
      'measure-change:Ben',
      'measure-missed:Ben',
    ]);
    expect(urgencyOf(flags)).toBe(
      URGENCY['measure-cutoff'] + 2 * URGENCY['measure-change'] + URGENCY['measure-missed'],
    );
  });

  it('sorts a couple’s flags by urgency, keeping the order within one urgency', () => {
    const flag = (kind: RosterFlag['kind'], detail = kind): RosterFlag => ({ kind, detail });
    expect(
      byFlagUrgency([
        flag('practice-drop'),
        flag('missed-check-ins'),
        flag('gap'),
        flag('no-focus'),
        flag('measure-cutoff'),
        flag('measure-missed'),
      ]).map((f) => f.kind),
    ).toEqual(['measure-cutoff', 'practice-drop', 'missed-check-ins', 'gap', 'measure-missed', 'no-focus']);
  });
});

describe('the clock of the flags', () => {
  const scheduleArb = fc.record({
    everyWeeks: fc.integer({ min: 1, max: 12 }),
    startWeek: fc.integer({ min: -80, max: 3 }).map((back) => addWeeks('2026-W48', back)),
  });
  /** Any instant over two years, to the minute, so the turns of weeks around the world are met. */
  const nowArb = fc
    .integer({ min: 0, max: 2 * 365 * 24 * 60 })
    .map((minutes) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000));

  it('lastEndedPeriods finds, from the clock alone, what walking every period finds', () => {
    fc.assert(
      fc.property(scheduleArb, nowArb, fc.integer({ min: 1, max: 4 }), (schedule, now, count) => {
        expect(lastEndedPeriods(schedule, now, count)).toEqual(endedPeriods(schedule, now, count));
      }),
      { numRuns: 500 },
    );
  });

  it('visibleAnswers shows a coach what the visibility rule shows, rows of ended periods or not', () => {
    const periodArb = fc.integer({ min: 0, max: 6 }).map((n) => addWeeks('2026-W40', 2 * n));
    const rowArb = fc.record({
      userId: fc.constantFrom('ana', 'ben', 'cleo'),
      period: periodArb,
      score: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      skipped: fc.boolean(),
      createdAt: fc.constantFrom(AT, '2026-11-20T00:00:00.000Z'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => `${r.userId} ${r.period}`, maxLength: 14 }),
        fc.integer({ min: 0, max: 14 * 24 }).map((hours) => new Date(NOW.getTime() + hours * 3600_000)),
        fc.constantFrom('2026-W01', '2026-W44'),
        fc.constantFrom(null, '2026-11-10T00:00:00.000Z'),
        (rows, now, sharedFromWeek, sharedSince) => {
          const answers = rows.map((r) => ({ ...r, score: r.skipped ? null : r.score }));
          const context = { ...input(answers), now, sharedFromWeek, sharedSince };
          const rule = measureVisibilityFilter(
            answers.map((r) => ({ ...r, answersChangedAt: r.createdAt })),
            {
              memberIds: ['ana', 'ben'],
              viewerId: null,
              sharedFromWeek,
              sharedSince,
              periodClosed: (period) => hasPeriodEnded(moodScale, period, now),
            },
          );
          const key = (r: MeasureFlagAnswer) => `${r.userId} ${r.period}`;
          const expected = answers
            .filter((r) => rule({ ...r, answersChangedAt: r.createdAt }))
            .map(key)
            .sort();
          expect(visibleAnswers(context).map(key).sort()).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides from each partner’s first answer and latest few as from their whole history', () => {
    // Histories of up to 12 fortnightly periods from W26 for both partners: answered, skipped or missing, at any
    // instant of two months around their end, with the membership from the start or from a later period.
    const cellArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) },
      { weight: 1, arbitrary: fc.constant('skip' as const) },
      { weight: 2, arbitrary: fc.constant(null) },
    );
    const history = fc.array(cellArb, { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(
        history,
        history,
        fc.integer({ min: 0, max: 60 * 24 }).map((hours) => new Date(Date.UTC(2026, 9, 19) + hours * 3600_000)),
        fc.constantFrom('2026-W01', '2026-W30'),
        fc.constantFrom(null, 3),
        (anaCells, benCells, now, sharedFromWeek, reliableChange) => {
          const assignment = { ...moodScale, startWeek: '2026-W26', reliableChange };
          const rows = (userId: string, cells: typeof anaCells) =>
            cells.flatMap((cell, i): MeasureFlagAnswer[] => {
              const period = addWeeks('2026-W26', 2 * i);
              // Only periods begun by now can hold answers.
              if (compareWeeks(period, currentWeek(new Date(now.getTime() + 14 * 3600_000))) > 0) return [];
              if (cell === null) return [];
              return [cell === 'skip' ? skip(userId, period) : scored(userId, period, cell)];
            });
          const all = [...rows('ana', anaCells), ...rows('ben', benCells)];
          const whole = measureFlags({ ...input(all, { assignment }), now, sharedFromWeek });
          // What the roster reads: each partner's first answer from the membership's start (the roster reads their
          // first of all, and the ones after the membership's start when that one came before it), and their latest
          // few, no skips.
          const answered = (userId: string) =>
            all.filter((r) => r.userId === userId && !r.skipped).sort((a, b) => compareWeeks(a.period, b.period));
          const partners = [ana, ben].map((p) => {
            const first = answered(p.id).find((r) => compareWeeks(r.period, sharedFromWeek) >= 0);
            return {
              ...p,
              first: first ? { period: first.period, score: first.score!, createdAt: first.createdAt } : null,
            };
          });
          const latest = [
            ...answered('ana').slice(-RECENT_ANSWERS_NEEDED),
            ...answered('ben').slice(-RECENT_ANSWERS_NEEDED),
          ];
          const read = measureFlags({ ...input(latest, { assignment, partners }), now, sharedFromWeek });
          expect(read).toEqual(whole);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
