import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestNext, type SuggestionInput } from '#shared/domain/suggestion';
import { PRACTICE_IDS, type PracticeId } from '#shared/practice-ids';
import type { Ratings } from '#shared/schemas/common.schema';
import { addWeeks } from '#shared/week';

const THIS = '2026-W48';
const RUNS = { numRuns: 200 };

type Partner = SuggestionInput['partners'][number];

const practiceArb = fc.constantFrom(...PRACTICE_IDS);
const ratingsArb: fc.Arbitrary<Ratings> = fc.record(
  Object.fromEntries(PRACTICE_IDS.map((id) => [id, fc.integer({ min: 1, max: 10 })])) as Record<
    PracticeId,
    fc.Arbitrary<number>
  >,
);
/** Weeks from one ahead of this week to twelve behind it: the recent window, the fall look-back and beyond. */
const weekArb = fc.integer({ min: -1, max: 12 }).map((back) => addWeeks(THIS, -back));
/** Mostly one check-in a week; now and then a duplicate week, which must not make order matter either. */
const entriesArb = fc.array(fc.record({ week: weekArb, ratings: ratingsArb }), { maxLength: 10 });
const partnerArb: fc.Arbitrary<Partner> = fc.record({
  name: fc.constantFrom('Alex', 'Blake', 'Sam', ''),
  entries: entriesArb,
});

const inputArb: fc.Arbitrary<SuggestionInput> = fc.record({
  thisWeek: fc.constant(THIS),
  partners: fc.array(partnerArb, { minLength: 0, maxLength: 2 }),
  focus: fc.option(
    fc.record({
      practiceId: practiceArb,
      sinceWeek: fc.integer({ min: -1, max: 4 }).map((back) => addWeeks(THIS, -back)),
    }),
  ),
  coachFocus: fc.option(
    fc.record({
      practiceId: practiceArb,
      note: fc.option(fc.constantFrom('Go slowly.', 'Talk on Sundays')),
      coachName: fc.constantFrom('Sam', 'Kim'),
    }),
    { freq: 4 },
  ),
});

const rankOf = (input: SuggestionInput, id: PracticeId) =>
  suggestNext(input).ranking.findIndex((row) => row.practiceId === id);

describe('suggestNext properties', () => {
  it('ranks the ten practices exactly once, the suggestion first, with one to three reasons', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = suggestNext(input);
        expect(result.ranking).toHaveLength(PRACTICE_IDS.length);
        expect(new Set(result.ranking.map((row) => row.practiceId))).toEqual(new Set(PRACTICE_IDS));
        expect(result.ranking[0]!.practiceId).toBe(result.practiceId);
        expect(result.reasons.length).toBeGreaterThanOrEqual(1);
        expect(result.reasons.length).toBeLessThanOrEqual(3);
        for (const row of result.ranking) expect(Number.isFinite(row.score)).toBe(true);
        if (input.coachFocus) expect(result.practiceId).toBe(input.coachFocus.practiceId);
      }),
      RUNS,
    );
  });

  it('gives the same output for the same input, and leaves the input alone', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        const first = suggestNext(input);
        expect(input).toEqual(copy);
        expect(suggestNext(copy)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the partners', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const swapped = { ...input, partners: [...input.partners].reverse() };
        // Reasons list names in a canonical order, so the whole result matches, not only the suggestion.
        expect(suggestNext(swapped)).toEqual(suggestNext(input));
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the entries', () => {
    const shuffledArb = inputArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.tuple(...input.partners.map((p) => fc.shuffledSubarray(p.entries, { minLength: p.entries.length }))),
      ),
    );
    fc.assert(
      fc.property(shuffledArb, ([input, shuffled]) => {
        const reordered = { ...input, partners: input.partners.map((p, i) => ({ ...p, entries: shuffled[i]! })) };
        expect(suggestNext(reordered)).toEqual(suggestNext(input));
      }),
      RUNS,
    );
  });

  it("stays the same for the whole week: this week's check-ins, whoever makes them, change nothing", () => {
    const thisWeekArb = fc.array(fc.record({ week: fc.constant(THIS), ratings: ratingsArb }), { maxLength: 2 });
    fc.assert(
      fc.property(inputArb, fc.tuple(thisWeekArb, thisWeekArb), (input, added) => {
        const before = {
          ...input,
          partners: input.partners.map((p) => ({ ...p, entries: p.entries.filter((e) => e.week < THIS) })),
        };
        const after = {
          ...before,
          partners: before.partners.map((p, i) => ({ ...p, entries: [...p.entries, ...added[i]!] })),
        };
        expect(suggestNext(after)).toEqual(suggestNext(before));
      }),
      RUNS,
    );
  });

  it('ranks the same whoever reads it: only the wording changes', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 1 }), (input, slot) => {
        const asPartner = { ...input, partners: input.partners.map((p, i) => ({ ...p, you: i === slot })) };
        const asCoach = { ...input, reader: 'coach' as const };
        const { reasons: named, ...plain } = suggestNext(input);
        for (const read of [asPartner, asCoach]) {
          const { reasons, ...rest } = suggestNext(read);
          expect(rest).toEqual(plain);
          expect(reasons.length).toBe(named.length);
        }
      }),
      RUNS,
    );
  });

  it('never ranks a practice lower after its ratings go down for both partners in every week', () => {
    // The same drop in every week keeps the practice's falls and gaps as they were and only lowers its level.
    // An uneven drop (say, ratings stopping at 1) can rightly shrink a measured fall, so the practice's ratings are
    // first lifted to where every one of them can take the whole drop.
    const withRatings = (input: SuggestionInput, id: PracticeId, rate: (value: number) => number): SuggestionInput => ({
      ...input,
      partners: input.partners.map((p) => ({
        ...p,
        entries: p.entries.map((e) => ({ ...e, ratings: { ...e.ratings, [id]: rate(e.ratings[id]) } })),
      })),
    });
    fc.assert(
      fc.property(inputArb, practiceArb, fc.integer({ min: 1, max: 9 }), (generated, id, drop) => {
        fc.pre(generated.partners.some((p) => p.entries.length > 0));
        const input = withRatings(generated, id, (value) => Math.max(value, 1 + drop));
        const lowered = withRatings(input, id, (value) => value - drop);
        expect(rankOf(lowered, id)).toBeLessThanOrEqual(rankOf(input, id));
      }),
      RUNS,
    );
  });
});
