import { describe, expect, it } from 'vitest';
import { adopterName, currentFocusLine } from '#client/features/focus/focus-text';
import type { FocusDto } from '#shared/schemas/focus.schema';

const FOCUS: FocusDto = {
  id: 'f1',
  practiceId: 'trust',
  startWeek: '2026-W48',
  endWeek: null,
  adoptedBy: { id: 'u-ana', displayName: 'Ana' },
  adoptedAt: '2026-11-25T12:00:00.000Z',
  endedAt: null,
};

describe('who chose a focus, in words', () => {
  it.each<[string, Partial<FocusDto>, string, string]>([
    ['the viewer', {}, 'u-ana', 'you'],
    ['the partner', {}, 'u-ben', 'Ana'],
    ['someone whose account is gone', { adoptedBy: null }, 'u-ben', 'one of you'],
    ['a partner who has since left', { adoptedBy: null, byFormerPartner: true }, 'u-ben', 'a former partner'],
  ])('names %s', (_label, change, viewerId, name) => {
    expect(adopterName({ ...FOCUS, ...change }, viewerId)).toBe(name);
  });

  it('tells a coach "one of them" for a deleted account and "a former partner" for one who left', () => {
    const line = (change: Partial<FocusDto>) => currentFocusLine({ ...FOCUS, ...change }, 'u-kim', '2026-W48', 'their');
    expect(line({ adoptedBy: null })).toMatch(/^Chosen by one of them on /);
    expect(line({ adoptedBy: null, byFormerPartner: true })).toMatch(/^Chosen by a former partner on /);
    expect(line({})).toMatch(/^Chosen by Ana on .*; their focus since the week of /);
  });
});
