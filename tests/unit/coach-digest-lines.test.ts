import { describe, expect, it } from 'vitest';
import type { RosterRowDto } from '#shared/schemas/coach.schema';
import { digestLines } from '#server/mail/due/coach-digest';

const row = (partners: RosterRowDto['partners']): RosterRowDto => ({
  coupleId: 'c1',
  partners,
  flags: [{ kind: 'missed-check-ins', detail: 'Ana has missed the last 3 weekly check-ins.' }],
  connection: { now: null, trend: [], weeks: [] },
  focus: null,
  urgency: 2,
  accessEndedAt: null,
});

describe('the Monday overview’s line about missed check-ins', () => {
  it('names only the partners the flag is about, with the weeks the roster counted', () => {
    const lines = digestLines([
      row([
        { id: 'a', displayName: 'Ana', lastCheckInWeek: '2026-W44', missedWeeks: 3 },
        // Joined last week and not checked in yet: one week over, no reason to name her.
        { id: 'c', displayName: 'Cleo', lastCheckInWeek: null, missedWeeks: 1 },
      ]),
    ]);
    expect(lines).toEqual(['Ana & Cleo: no check-in from Ana for 3 weeks']);
  });

  it('says "yet" of a partner who never checked in, long enough to count', () => {
    const lines = digestLines([row([{ id: 'c', displayName: 'Cleo', lastCheckInWeek: null, missedWeeks: 4 }])]);
    expect(lines).toEqual(['Cleo: no check-in from Cleo yet']);
  });
});
