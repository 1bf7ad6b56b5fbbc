import { describe, expect, it } from 'vitest';
import { lateChangeText, partnerLabels, twoPerspectives } from '#client/features/dashboard/viewer-names';
import type { SideBySideRow } from '#shared/schemas/dashboard.schema';

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

  it('put two perspectives side by side, each with its owner', () => {
    const row: SideBySideRow = {
      practiceId: 'trust',
      partners: [
        { latest: 8, week: '2026-W48', change: null },
        { latest: 4, week: '2026-W48', change: null },
      ],
      difference: 4,
      worthAConversation: true,
    };
    expect(twoPerspectives(asAna, row)).toBe('You see 8, Ben sees 4');
    expect(twoPerspectives(asBen, row)).toBe('Ana sees 8, you see 4');
    expect(twoPerspectives(asCoach, row)).toBe('Ana sees 8, Ben sees 4');
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
