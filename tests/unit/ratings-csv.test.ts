import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ratingsCsv } from '#client/features/account/ratings-csv';
import { PRACTICE_IDS } from '#shared/practice-ids';
import { canonicalJson } from '#shared/domain/canonical-json';
import { ratingsOf } from '../helpers/ratings';

const entry = (week: string, value: number, note: string | null) => ({
  week,
  ratings: ratingsOf(value, { trust: 9 }),
  note,
  createdAt: '2026-11-25T12:00:00.000Z',
  updatedAt: '2026-11-25T12:00:00.000Z',
});

describe('ratingsCsv', () => {
  it('writes one row per week, the ten practices in contract order, and the note', () => {
    const csv = ratingsCsv({
      assessments: [entry('2026-W47', 4, 'Quiet week, "good" one;\nsecond line'), entry('2026-W48', 7, null)],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual(['week', ...PRACTICE_IDS, 'note']);
    expect(rows[1]).toEqual([
      '2026-W47',
      '4',
      '4',
      '4',
      '4',
      '4',
      '9',
      '4',
      '4',
      '4',
      '4',
      'Quiet week, "good" one;\nsecond line',
    ]);
    expect(rows[2]).toEqual(['2026-W48', '7', '7', '7', '7', '7', '9', '7', '7', '7', '7', '']);
  });

  it('keeps a note that looks like a formula from running in a spreadsheet', () => {
    const csv = ratingsCsv({
      assessments: [
        entry('2026-W48', 5, '=HYPERLINK("http://evil.example")'),
        entry('2026-W47', 5, '+1'),
        entry('2026-W46', 5, '@SUM(A1)'),
      ],
    });
    const notes = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n' })
      .data.slice(1)
      .map((row) => row.at(-1));
    expect(notes).toEqual(['\'=HYPERLINK("http://evil.example")', "'+1", "'@SUM(A1)"]);
  });
});

describe('canonicalJson', () => {
  it('gives the same text whatever order keys were written in, nested and in arrays', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 2 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson([3, 'x', true])).toBe('[3,"x",true]');
  });
});
