import { describe, expect, it } from 'vitest';
import { checkInSentence, type CheckInReader, type CheckInStatusPartner } from '#shared/domain/check-in-status';

const sam = (submitted: boolean): CheckInStatusPartner => ({ userId: 'sam', displayName: 'Sam', submitted });
const alex = (submitted: boolean): CheckInStatusPartner => ({ userId: 'alex', displayName: 'Alex', submitted });
const asAlex: CheckInReader = { role: 'partner', userId: 'alex' };
const asCoach: CheckInReader = { role: 'coach' };

describe('checkInSentence: who has checked in this week, in one sentence for every card', () => {
  it.each<[string, CheckInStatusPartner[], CheckInReader, string]>([
    [
      'nobody',
      [alex(false), sam(false)],
      asAlex,
      'Neither of you has checked in yet this week. It takes about two minutes.',
    ],
    [
      'you only',
      [alex(true), sam(false)],
      asAlex,
      "You've checked in. Sam's turn; you'll see each other's ratings once you both have.",
    ],
    [
      'your partner only',
      [alex(false), sam(true)],
      asAlex,
      'Sam has checked in. Their ratings show once you have too, so neither of you is swayed by the other.',
    ],
    [
      'both',
      [alex(true), sam(true)],
      asAlex,
      "You've both checked in this week. Your ratings are now visible to each other.",
    ],
    [
      'the second partner reading, in the same words',
      [sam(true), alex(false)],
      asAlex,
      'Sam has checked in. Their ratings show once you have too, so neither of you is swayed by the other.',
    ],
    ['a partner on their own, checked in', [alex(true)], asAlex, "You've checked in this week."],
    [
      'a partner on their own, not yet',
      [alex(false)],
      asAlex,
      "You haven't checked in this week yet. It takes about two minutes.",
    ],
    ['a coach: nobody', [alex(false), sam(false)], asCoach, 'Neither Alex nor Sam has checked in this week yet.'],
    [
      'a coach: one of them',
      [alex(false), sam(true)],
      asCoach,
      'Sam has checked in this week; Alex not yet. Their ratings for this week show once both have.',
    ],
    ['a coach: both', [alex(true), sam(true)], asCoach, 'Alex and Sam have both checked in this week.'],
    ['a coach of a partner left on their own', [sam(true)], asCoach, 'Sam has checked in this week.'],
    ['a coach of a partner left on their own, not yet', [sam(false)], asCoach, "Sam hasn't checked in this week yet."],
  ])('%s', (_label, partners, reader, sentence) => {
    expect(checkInSentence(partners, reader)).toBe(sentence);
  });

  it('never tells a partner who has checked in that they have not, nor the reverse', () => {
    for (const mine of [true, false])
      for (const theirs of [true, false]) {
        for (const partners of [[alex(mine), sam(theirs)], [sam(theirs), alex(mine)], [alex(mine)]]) {
          const sentence = checkInSentence(partners, asAlex);
          if (mine) expect(sentence).not.toMatch(/haven't checked in|Neither of you|once you have too/);
          else expect(sentence).not.toMatch(/You've (both )?checked in/);
          if (partners.length === 2 && theirs) expect(sentence).not.toMatch(/Sam's turn|Neither/);
        }
      }
  });
});
