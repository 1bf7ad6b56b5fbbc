import { describe, expect, it } from 'vitest';
import {
  bothOf,
  eachOf,
  heldBackText,
  lateChangeText,
  ownRatings,
  partnerLabels,
} from '#client/features/dashboard/viewer-names';

const partners = [
  { userId: 'ana', displayName: 'Ana' },
  { userId: 'ben', displayName: 'Ben' },
];
const asAna = partnerLabels(partners, 'ana');
const asBen = partnerLabels(partners, 'ben');
const asCoach = partnerLabels(partners, 'coach-cleo');

describe('partner labels', () => {
  it('call the viewer "You" and keep every slot, and a coach sees both names', () => {
    expect(asAna).toEqual({ names: ['You', 'Ben'], viewerSlot: 0 });
    expect(asBen).toEqual({ names: ['Ana', 'You'], viewerSlot: 1 });
    expect(asCoach).toEqual({ names: ['Ana', 'Ben'], viewerSlot: -1 });
  });

  it('say whose own rating each number is, the reader first, and never "sees"', () => {
    expect(ownRatings(asAna, [8, 4])).toBe("Your own rating: 8 · Ben's own rating: 4");
    expect(ownRatings(asBen, [8, 4])).toBe("Your own rating: 4 · Ana's own rating: 8");
    expect(ownRatings(asCoach, [8, 4])).toBe("Ana's own rating: 8 · Ben's own rating: 4");
    expect(ownRatings(asAna, [null, 4])).toBe("Ben's own rating: 4");
    for (const labels of [asAna, asBen, asCoach]) expect(ownRatings(labels, [8, 4])).not.toMatch(/sees?\b/);
  });

  it('speak to a partner about "you" and to a coach about the two of them', () => {
    expect([bothOf(asAna), eachOf(asAna), heldBackText(asAna)]).toEqual([
      'you both',
      'Each of you',
      'waiting for your check-in',
    ]);
    expect([bothOf(asCoach), eachOf(asCoach), heldBackText(asCoach)]).toEqual([
      'Ana and Ben',
      'Each of them',
      'shows once both have checked in',
    ]);
  });
});

describe('lateChangeText', () => {
  it.each([
    [
      asBen,
      0,
      "Ana changed their ratings for the week of 23 Nov after you had both answered, when each of you could see the other's.",
    ],
    [
      asAna,
      0,
      "You changed your ratings for the week of 23 Nov after you had both answered, when each of you could see the other's.",
    ],
    [
      asCoach,
      1,
      "Ben changed their ratings for the week of 23 Nov after both partners had answered, when each could see the other's.",
    ],
  ])('says who changed, in the words of the one reading (%#)', (labels, slot, text) => {
    expect(lateChangeText(labels, slot, 'week of 23 Nov')).toBe(text);
  });
});
