import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, type ActivityKind } from '#shared/schemas/activity.schema';
import { formatActivityCursor, parseActivityCursor } from '#shared/schemas/activity.schema';
import { activityText, isCoachKind, weekPhrase, type ActivityReader } from '#server/services/activity-text';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const RILEY: ActivityReader = { id: 'riley', role: 'partner' };
const KIM: ActivityReader = { id: 'kim', role: 'coach' };
const LEE: ActivityReader = { id: 'lee', role: 'coach' };

/** The entry of `kind` about Sam (a partner) or Kim (a coach), for the week of 23 Nov 2026. */
const about = (kind: ActivityKind, actorName: string | null = isCoachKind(kind) ? 'Kim' : 'Sam') => ({
  kind,
  actorId: isCoachKind(kind) ? 'kim' : 'sam',
  actorName,
  week: '2026-W48',
});

describe('weekPhrase', () => {
  it('names the Monday, with the year only when it is not this year', () => {
    expect(weekPhrase('2026-W48', NOW)).toBe('the week of 23 Nov');
    expect(weekPhrase('2026-W01', NOW)).toBe('the week of 29 Dec 2025');
    expect(weekPhrase('2020-W53', NOW)).toBe('the week of 28 Dec 2020');
  });
});

describe('activityText', () => {
  // [kind, to Riley (partner), to Sam or Kim themselves, to Lee (another coach)]
  const table: [ActivityKind, string, string, string][] = [
    ['joined', 'Sam joined you.', 'You joined the couple.', 'Sam joined the couple.'],
    [
      'checked-in',
      'Sam checked in for the week of 23 Nov.',
      'You checked in for the week of 23 Nov.',
      'Sam checked in for the week of 23 Nov.',
    ],
    [
      'changed-after-both-answered',
      'Sam changed their ratings for the week of 23 Nov after you had both answered.',
      'You changed your ratings for the week of 23 Nov after you had both answered.',
      'Sam changed their ratings for the week of 23 Nov after they had both answered.',
    ],
    ['left', 'Sam left the couple.', 'You left the couple.', 'Sam left the couple.'],
    [
      'coach-access-started',
      'Coach access for Kim began.',
      'Your access as their coach began.',
      'Coach access for Kim began.',
    ],
    [
      'coach-access-ended',
      'Coach access for Kim ended.',
      'Your access as their coach ended.',
      'Coach access for Kim ended.',
    ],
    [
      'coach-focus-chosen',
      'Your coach Kim chose a focus.',
      'You chose a focus for them.',
      'Kim, another coach, chose a focus.',
    ],
    [
      'coach-focus-changed',
      'Your coach Kim chose a different focus.',
      'You chose a different focus for them.',
      'Kim, another coach, chose a different focus.',
    ],
    [
      'coach-focus-cleared',
      'Your coach Kim removed the focus they had chosen.',
      'You removed the focus you had chosen for them.',
      'Kim, another coach, removed the focus they had chosen.',
    ],
    [
      'focus-adopted',
      'Sam chose a new focus for the two of you.',
      'You chose a new focus for the two of you.',
      'Sam chose a new focus for the couple.',
    ],
    ['focus-cleared', 'Sam cleared your focus.', 'You cleared your focus.', "Sam cleared the couple's focus."],
  ];

  it('covers every kind', () => {
    expect(table.map(([kind]) => kind).sort()).toEqual([...ACTIVITY_KINDS].sort());
  });

  it.each(table)('%s: second person for the reader, names for the others', (kind, toPartner, toSelf, toOtherCoach) => {
    expect(activityText(about(kind), RILEY, NOW)).toBe(toPartner);
    const self = isCoachKind(kind) ? KIM : { id: 'sam', role: 'partner' as const };
    expect(activityText(about(kind), self, NOW)).toBe(toSelf);
    expect(activityText(about(kind), LEE, NOW)).toBe(toOtherCoach);
  });

  it('speaks of a deleted account as a former partner or a former coach', () => {
    expect(activityText(about('left', null), RILEY, NOW)).toBe('A former partner left the couple.');
    expect(activityText(about('checked-in', null), KIM, NOW)).toBe(
      'A former partner checked in for the week of 23 Nov.',
    );
    expect(activityText({ ...about('coach-access-ended', null), actorId: null }, RILEY, NOW)).toBe(
      'Coach access for a former coach ended.',
    );
    expect(activityText({ ...about('coach-focus-chosen', null), actorId: null }, RILEY, NOW)).toBe(
      'A former coach chose a focus.',
    );
  });

  it('never takes a deleted account (no id) for the reader', () => {
    expect(activityText({ ...about('joined', null), actorId: null }, { id: '', role: 'partner' }, NOW)).toBe(
      'A former partner joined you.',
    );
  });
});

describe('page markers', () => {
  it('read back what they wrote, and refuse anything else', () => {
    const cursor = { at: '2026-11-25T12:00:00.000Z', id: '0b7e8c1e-3f7a-4c0e-9d61-2f7a1c9e4b21' };
    expect(parseActivityCursor(formatActivityCursor(cursor))).toEqual(cursor);
    for (const bad of [
      '',
      'x',
      '2026-11-25T12:00:00.000Z',
      '2026-02-30T12:00:00.000Z~a',
      '2026-11-25T12:00:00.000Z~',
      '2026-11-25T12:00:00.000Z~a~b',
      '2026-11-25 12:00:00.000Z~a',
    ])
      expect(parseActivityCursor(bad), bad).toBeNull();
  });
});
