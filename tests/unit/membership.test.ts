import { describe, expect, it } from 'vitest';
import { focusWithin, membershipStart, sharedWithinMembership, withinMembership } from '#shared/domain/membership';

describe('membershipStart', () => {
  const joined = (...times: string[]) => times.map((joinedAt) => ({ joinedAt, partnerLeftAt: null }));
  it.each<[string, { joinedAt: string; partnerLeftAt: string | null }[], string | null, string | null]>([
    ['no couple', [], null, null],
    ['one partner, waiting', joined('2026-11-02T09:00:00.000Z'), '2026-11-02T09:00:00.000Z', '2026-W45'],
    [
      'two partners: the later joining, in any order',
      joined('2026-11-18T12:00:00.000Z', '2026-10-28T12:00:00.000Z'),
      '2026-11-18T12:00:00.000Z',
      '2026-W47',
    ],
    // Sunday 23:59 UTC is still that ISO week.
    [
      'joined at the very end of a week',
      joined('2026-01-01T00:00:00.000Z', '2026-11-22T23:59:59.999Z'),
      '2026-11-22T23:59:59.999Z',
      '2026-W47',
    ],
    [
      'the one who stayed after a partner left: from the leaving, not their own joining',
      [{ joinedAt: '2026-09-01T12:00:00.000Z', partnerLeftAt: '2026-11-18T12:00:00.000Z' }],
      '2026-11-18T12:00:00.000Z',
      '2026-W47',
    ],
    [
      'a partner who joined after that leaving: from the joining',
      [
        { joinedAt: '2026-09-01T12:00:00.000Z', partnerLeftAt: '2026-11-04T12:00:00.000Z' },
        { joinedAt: '2026-11-18T12:00:00.000Z', partnerLeftAt: null },
      ],
      '2026-11-18T12:00:00.000Z',
      '2026-W47',
    ],
  ])('%s', (_label, members, sharedSince, sharedFromWeek) => {
    expect(membershipStart(members)).toEqual({ sharedSince, sharedFromWeek });
  });
});
describe('withinMembership', () => {
  const row = (userId: string, week: string) => ({ userId, week });
  it.each<[string, string | null, string | null, { userId: string; week: string }, boolean]>([
    ['your own week from before the couple', 'alice', '2026-W47', row('alice', '2026-W40'), true],
    ["the partner's week from before the couple", 'alice', '2026-W47', row('erin', '2026-W46'), false],
    ["the partner's week in which the later one joined", 'alice', '2026-W47', row('erin', '2026-W47'), true],
    ["the partner's week after", 'alice', '2026-W47', row('erin', '2026-W48'), true],
    ['a coach (no member), before the couple', null, '2026-W47', row('erin', '2026-W46'), false],
    ['a coach, from the couple on', null, '2026-W47', row('alice', '2026-W47'), true],
    ['no couple: only your own', 'alice', null, row('erin', '2026-W48'), false],
    ['no couple, your own', 'alice', null, row('alice', '2026-W48'), true],
  ])('%s', (_label, viewer, fromWeek, entry, expected) => {
    expect(withinMembership(viewer, fromWeek)(entry)).toBe(expected);
  });
});

describe('sharedWithinMembership', () => {
  it.each<[string, string | null, string | null, boolean]>([
    ['shared after the couple formed', '2026-11-20T00:00:00.000Z', '2026-11-18T12:00:00.000Z', true],
    ['shared the moment it formed', '2026-11-18T12:00:00.000Z', '2026-11-18T12:00:00.000Z', true],
    ['shared with an earlier couple', '2026-11-04T12:00:00.000Z', '2026-11-18T12:00:00.000Z', false],
    ['never shared', null, '2026-11-18T12:00:00.000Z', false],
    ['shared with no couple at all', '2026-11-20T00:00:00.000Z', null, false],
  ])('%s', (_label, sharedAt, sharedSince, expected) => {
    expect(sharedWithinMembership(sharedAt, sharedSince)).toBe(expected);
  });
});

describe('focusWithin', () => {
  it.each<[string, string | null, string | null, boolean]>([
    ['still running', null, '2026-11-18T12:00:00.000Z', true],
    ['ended while the viewer was there', '2026-11-20T00:00:00.000Z', '2026-11-18T12:00:00.000Z', true],
    ['ended before the viewer arrived', '2026-11-04T12:00:00.000Z', '2026-11-18T12:00:00.000Z', false],
    ['ended, and the viewer has no couple', '2026-11-04T12:00:00.000Z', null, false],
  ])('%s', (_label, endedAt, since, expected) => {
    expect(focusWithin({ endedAt }, since)).toBe(expected);
  });
});
