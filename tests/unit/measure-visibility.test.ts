import { describe, expect, it } from 'vitest';
import {
  measureChangedAfterBothAnswered,
  measureVisibilityFilter,
  type MeasureVisibilityContext,
  type PeriodAnswer,
} from '#shared/domain/measure-visibility';

const at = (hour: number) => `2026-11-24T${String(hour).padStart(2, '0')}:00:00.000Z`;
const row = (userId: string, period: string, createdHour = 1, changedHour = createdHour): PeriodAnswer => ({
  userId,
  period,
  skipped: false,
  createdAt: at(createdHour),
  answersChangedAt: at(changedHour),
});
const skip = (userId: string, period: string, hour = 1): PeriodAnswer => ({
  ...row(userId, period, hour),
  skipped: true,
});

/** An answer to a period before the pairing, given then (week 41). */
const earlier = (userId: string): PeriodAnswer => ({
  ...row(userId, '2026-W40'),
  createdAt: '2026-10-05T09:00:00.000Z',
  answersChangedAt: '2026-10-05T09:00:00.000Z',
});

const OPEN = '2026-W48';
const ENDED = '2026-W46';
const BEFORE_PAIRING = '2026-W40';
const members = ['ana', 'ben'];

function context(viewerId: string | null, overrides: Partial<MeasureVisibilityContext> = {}): MeasureVisibilityContext {
  return {
    memberIds: members,
    viewerId,
    sharedFromWeek: '2026-W44',
    // Ben joined in week 44, long before the answers (hour 1 of 2026-11-24 and later).
    sharedSince: '2026-10-28T09:00:00.000Z',
    periodClosed: (period) => period !== OPEN,
    ...overrides,
  };
}

/** Which of `rows` each viewer sees, as `user@period`. */
function seen(rows: PeriodAnswer[], viewerId: string | null, overrides: Partial<MeasureVisibilityContext> = {}) {
  const visible = measureVisibilityFilter(rows, context(viewerId, overrides));
  return rows.filter(visible).map((r) => `${r.userId}@${r.period}`);
}

describe('measureVisibilityFilter', () => {
  it.each<[string, PeriodAnswer[], string | null, string[]]>([
    ['your own answer, alone in an open period', [row('ana', OPEN)], 'ana', ['ana@2026-W48']],
    ['the other’s answer, while you have not answered', [row('ana', OPEN)], 'ben', []],
    ['nobody’s, to the coach, until both answered', [row('ana', OPEN)], null, []],
    ['both, once both answered', [row('ana', OPEN), row('ben', OPEN)], 'ben', ['ana@2026-W48', 'ben@2026-W48']],
    [
      'both, to the coach, once both answered',
      [row('ana', OPEN), row('ben', OPEN)],
      null,
      ['ana@2026-W48', 'ben@2026-W48'],
    ],
    ['a skip is no answer: Ana’s stays hidden', [row('ana', OPEN), skip('ben', OPEN)], 'ben', ['ben@2026-W48']],
    ['a skip is no answer, to the coach either', [row('ana', OPEN), skip('ben', OPEN)], null, []],
    [
      'an ended period shows what was given',
      [row('ana', ENDED), skip('ben', ENDED)],
      null,
      ['ana@2026-W46', 'ben@2026-W46'],
    ],
    ['an ended period the other never answered', [row('ana', ENDED)], 'ben', ['ana@2026-W46']],
    [
      'another period answered by both does not unhide this one',
      [row('ana', OPEN), row('ben', ENDED)],
      'ben',
      ['ben@2026-W46'],
    ],
    ['before the couple’s membership: your own only', [earlier('ana'), earlier('ben')], 'ben', ['ben@2026-W40']],
    ['before the couple’s membership: nothing to the coach', [earlier('ana')], null, []],
    ['someone no longer in the couple', [row('fay', ENDED), row('ana', ENDED)], 'ana', ['ana@2026-W46']],
  ])('%s', (_case, rows, viewer, expected) => {
    expect(seen(rows, viewer)).toEqual(expected);
  });

  it('shows nothing of anyone else without a couple, and everything of one’s own', () => {
    const rows = [row('ana', OPEN), row('ana', ENDED), row('ben', ENDED)];
    expect(seen(rows, 'ana', { memberIds: ['ana'], sharedFromWeek: null, sharedSince: null })).toEqual([
      'ana@2026-W48',
      'ana@2026-W46',
    ]);
  });

  it('opens a period once it has ended', () => {
    expect(seen([row('ana', OPEN)], 'ben', { periodClosed: () => true })).toEqual(['ana@2026-W48']);
  });

  it('in a period that began before the pairing, shows only what was first answered since it', () => {
    // A four-week period from week 40; Cara joined on 2026-11-24 at noon (week 48), in its middle.
    const joined = { sharedFromWeek: '2026-W48', sharedSince: '2026-11-24T12:00:00.000Z', memberIds: ['ana', 'cara'] };
    const rows = [row('ana', BEFORE_PAIRING, 1), row('ana', ENDED, 13), row('cara', ENDED, 14)];
    expect(seen(rows, 'cara', joined)).toEqual(['ana@2026-W46', 'cara@2026-W46']);
    expect(seen(rows, null, joined)).toEqual(['ana@2026-W46', 'cara@2026-W46']);
  });
});

describe('measureChangedAfterBothAnswered', () => {
  it.each<[string, PeriodAnswer[], boolean[]]>([
    ['nobody changed anything', [row('ana', OPEN, 1), row('ben', OPEN, 2)], [false, false]],
    ['Ana changed after Ben answered', [row('ana', OPEN, 1, 3), row('ben', OPEN, 2)], [true, false]],
    ['Ana changed before Ben answered', [row('ana', OPEN, 1, 2), row('ben', OPEN, 3)], [false, false]],
    ['Ana changed while Ben had only skipped', [row('ana', OPEN, 1, 3), skip('ben', OPEN, 2)], [false, false]],
    // Answers over a skip start the row again: Ben's first answer is the later one.
    ['Ben answered over his skip; Ana changed after', [row('ana', OPEN, 1, 5), row('ben', OPEN, 4)], [true, false]],
    ['another period does not count', [row('ana', OPEN, 1, 5), row('ben', ENDED, 2)], [false, false]],
  ])('%s', (_case, rows, expected) => {
    const changed = measureChangedAfterBothAnswered(rows, members);
    expect(rows.map(changed)).toEqual(expected);
  });
});
