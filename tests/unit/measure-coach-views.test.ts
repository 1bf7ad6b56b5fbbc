import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { MeasureResultsDto } from '#shared/schemas/measure.schema';
import {
  definitionOf,
  draftProblems,
  emptyDraft,
  itemsFromLines,
  moveItem,
  serverProblems,
  type MeasureDraft,
} from '#client/features/measures/measure-draft';
import { concernBand, measurePoints, periodTicks, scoreTicks } from '#client/features/measures/measure-chart-data';
import { coupleMeasuresCsv } from '#client/features/measures/measure-csv';

const scale = { min: '0', max: '3', minLabel: 'Never', maxLabel: 'Always' };
function draftWith(change: Partial<MeasureDraft>): MeasureDraft {
  const draft = emptyDraft();
  return {
    ...draft,
    name: 'Weekly mood',
    scale,
    items: itemsFromLines('1. Calm\n2) Rested\n\nHopeful', [], scale),
    mayUse: true,
    ...change,
  };
}

describe('the measure form draft', () => {
  it('turns pasted lines into items without their numbering, and sends one shared scale to every item', () => {
    const draft = draftWith({ cutoffValue: '4', cutoffDirection: 'below', reliableChange: '' });
    draft.items[1] = { ...draft.items[1]!, reverse: true };
    expect(draftProblems(draft)).toEqual({});
    const definition = definitionOf(draft);
    expect(definition.items.map((i) => [i.text, i.min, i.max, i.minLabel, i.reverse])).toEqual([
      ['Calm', 0, 3, 'Never', false],
      ['Rested', 0, 3, 'Never', true],
      ['Hopeful', 0, 3, 'Never', false],
    ]);
    expect(definition.cutoff).toEqual({ value: 4, direction: 'below' });
    expect(definition.reliableChange).toBeNull();
    expect(moveItem(draft.items, 0, 1).map((i) => i.text)).toEqual(['Rested', 'Calm', 'Hopeful']);
    expect(moveItem(draft.items, 0, -1).map((i) => i.text)).toEqual(['Calm', 'Rested', 'Hopeful']);
  });

  it('names each problem by the field that shows it, with the shared scale standing for every item', () => {
    const draft = draftWith({ scale: { ...scale, max: '101' }, cutoffValue: 'x', mayUse: false });
    draft.items[2] = { ...draft.items[2]!, text: '  ' };
    expect(draftProblems(draft)).toEqual({
      'scale.max': 'A scale ends at 100 or less.',
      'items.2.text': 'An item’s text is required.',
      cutoffValue: expect.any(String),
      mayUse: 'Confirm that you may use these questions with your clients.',
    });
    expect(draftProblems(draftWith({ scale: { ...scale, min: '' } }))['scale.min']).toBe(
      'A scale point is a whole number.',
    );
    expect(serverProblems('items.3.maxLabel: Too long.', { items: 'Too long.', name: 'Taken.' }, false)).toEqual({
      'items.3.maxLabel': 'Too long.',
      name: 'Taken.',
    });
  });
});

const results: MeasureResultsDto = {
  assignmentId: 'a1',
  measure: {
    measureId: 'm1',
    name: 'Mood, "weekly"',
    version: 2,
    instructions: null,
    scoring: 'sum',
    reliableChange: 3,
    scoreRange: { min: 0, max: 12 },
  },
  cutoff: { value: 5, direction: 'below' },
  everyWeeks: 2,
  startWeek: '2026-W45',
  visibleToCouple: true,
  endedAt: null,
  periods: ['2026-W45', '2026-W47', '2026-W49'],
  partners: [
    {
      userId: 'u1',
      displayName: 'Ana',
      entries: [
        { period: '2026-W45', score: 9, version: 1, changedAfterBothAnswered: false, answers: [3, 0, 3] },
        { period: '2026-W49', score: 4, version: 2, changedAfterBothAnswered: true, answers: [1, 2, 1, 0] },
      ],
      skipped: ['2026-W47'],
      summary: { latest: 4, first: 9, change: -5, reliable: true, worsened: true, inConcern: true },
    },
    {
      userId: 'u2',
      displayName: '=Ben',
      entries: [{ period: '2026-W47', score: 7, version: 1, changedAfterBothAnswered: false, answers: [2, 1, 2] }],
      skipped: [],
      summary: { latest: 7, first: 7, change: 0, reliable: false, worsened: null, inConcern: false },
    },
  ],
  versions: [],
};

describe('a measure as charted and downloaded', () => {
  it('draws every period, gaps as null, skips marked, and shades from the cut-off to the end of concern', () => {
    const points = measurePoints(results);
    expect(points.map((p) => [p.period, p.start, p.scores, p.skipped])).toEqual([
      ['2026-W45', '2026-11-02', [9, null], [false, false]],
      ['2026-W47', '2026-11-16', [null, 7], [true, false]],
      ['2026-W49', '2026-11-30', [4, null], [false, false]],
    ]);
    expect(concernBand(results)).toEqual({ y1: 0, y2: 5 });
    expect(concernBand({ ...results, cutoff: { value: 5, direction: 'above' } })).toEqual({ y1: 5, y2: 12 });
    expect(concernBand({ ...results, cutoff: null })).toBeNull();
    expect(scoreTicks({ min: 0, max: 12 })).toEqual([0, 5, 10, 12]);
    expect(periodTicks(points, 2)).toEqual(['2026-11-02', '2026-11-30']);
  });

  it('writes one row per partner and answered period, with version and each item, names kept from running', () => {
    const rows = Papa.parse<string[]>(coupleMeasuresCsv([results]).slice(1), { newline: '\r\n' }).data;
    expect(rows).toEqual([
      [
        'measure',
        'period',
        'partner',
        'score',
        'version',
        'changed_after_both_answered',
        'item_1',
        'item_2',
        'item_3',
        'item_4',
      ],
      ['Mood, "weekly"', '2026-W45', 'Ana', '9', '1', 'no', '3', '0', '3', ''],
      ['Mood, "weekly"', '2026-W47', "'=Ben", '7', '1', 'no', '2', '1', '2', ''],
      ['Mood, "weekly"', '2026-W49', 'Ana', '4', '2', 'yes', '1', '2', '1', '0'],
    ]);
  });
});
