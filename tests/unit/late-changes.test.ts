import { describe, expect, it } from 'vitest';
import { changedAfterBothAnswered, type TimedEntry } from '#shared/domain/late-changes';

const at = (hour: number) => `2026-11-24T${String(hour).padStart(2, '0')}:00:00.000Z`;
const row = (userId: string, week: string, createdHour: number, changedHour = createdHour): TimedEntry => ({
  userId,
  week,
  createdAt: at(createdHour),
  ratingsChangedAt: at(changedHour),
});
const W = '2026-W48';

describe('changedAfterBothAnswered', () => {
  it.each<[string, TimedEntry[], string[], boolean[]]>([
    ['nobody changed anything', [row('ana', W, 1), row('ben', W, 2)], ['ana', 'ben'], [false, false]],
    ['Ana changed after Ben answered', [row('ana', W, 1, 3), row('ben', W, 2)], ['ana', 'ben'], [true, false]],
    [
      'Ana changed before Ben answered: still blind',
      [row('ana', W, 1, 2), row('ben', W, 3)],
      ['ana', 'ben'],
      [false, false],
    ],
    [
      'Ana changed the moment Ben answered: not after',
      [row('ana', W, 1, 2), row('ben', W, 2)],
      ['ana', 'ben'],
      [false, false],
    ],
    ['both changed after both had answered', [row('ana', W, 1, 4), row('ben', W, 2, 3)], ['ana', 'ben'], [true, true]],
    ['Ben answered second and changed later', [row('ana', W, 1), row('ben', W, 2, 5)], ['ana', 'ben'], [false, true]],
    ['only Ana has answered, and changed', [row('ana', W, 1, 5)], ['ana', 'ben'], [false]],
    ['a partner alone, before pairing', [row('ana', W, 1, 5)], ['ana'], [false]],
    [
      'another week answered by Ben does not count',
      [row('ana', W, 1, 5), row('ben', '2026-W47', 2)],
      ['ana', 'ben'],
      [false, false],
    ],
    [
      'a row of someone outside the couple does not count',
      [row('ana', W, 1, 5), row('eve', W, 2)],
      ['ana', 'ben'],
      [false, false],
    ],
  ])('%s', (_label, rows, members, expected) => {
    const changed = changedAfterBothAnswered(rows, members);
    expect(rows.map(changed)).toEqual(expected);
  });

  it('reads the whole week whatever the order of the rows', () => {
    const rows = [row('ben', W, 2), row('ana', W, 1, 3)];
    expect(rows.map(changedAfterBothAnswered(rows, ['ana', 'ben']))).toEqual([false, true]);
  });
});
