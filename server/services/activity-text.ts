import type { ActivityKind } from '#shared/schemas/activity.schema';
import { isWeek, weekStart, type Week } from '#shared/week';

// The feed's sentences, built when they are read: with each person's name as it is now, in the second person for the
// reader, and never with a rating, a note or a reflection in them (the feed stores none).

/** Who reads the feed: a partner of the couple, or one of its coaches. */
export interface ActivityReader {
  id: string;
  role: 'partner' | 'coach';
}

/** One stored entry: what happened, to whom (their current name, null once the account is gone) and which week. */
export interface ActivityFacts {
  kind: ActivityKind;
  actorId: string | null;
  actorName: string | null;
  week: string | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "the week of 23 Nov", with the year when it is not the year of `now`. */
export function weekPhrase(week: Week, now: Date): string {
  const start = weekStart(week);
  const day = `${start.getUTCDate()} ${MONTHS[start.getUTCMonth()]}`;
  return `the week of ${start.getUTCFullYear() === now.getUTCFullYear() ? day : `${day} ${start.getUTCFullYear()}`}`;
}

const COACH_KINDS: ReadonlySet<ActivityKind> = new Set([
  'coach-access-started',
  'coach-access-ended',
  'coach-focus-chosen',
  'coach-focus-changed',
  'coach-focus-cleared',
]);

/** Whether the entry is about one of the couple's coaches (else about a partner). */
export function isCoachKind(kind: ActivityKind): boolean {
  return COACH_KINDS.has(kind);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The sentence for this reader, ending with a full stop. */
export function activityText(facts: ActivityFacts, reader: ActivityReader, now: Date): string {
  const self = facts.actorId !== null && facts.actorId === reader.id;
  const gone = facts.actorName === null;
  const coachKind = isCoachKind(facts.kind);
  const name = facts.actorName ?? (coachKind ? 'a former coach' : 'a former partner');
  const week = facts.week !== null && isWeek(facts.week) ? weekPhrase(facts.week, now) : 'a week';
  const toPartner = reader.role === 'partner';
  const sentence = (() => {
    switch (facts.kind) {
      case 'joined':
        if (self) return 'You joined the couple';
        return toPartner ? `${name} joined you` : `${name} joined the couple`;
      case 'checked-in':
        return `${self ? 'You' : name} checked in for ${week}`;
      case 'changed-after-both-answered':
        if (self) return `You changed your ratings for ${week} after you had both answered`;
        return `${name} changed their ratings for ${week} after ${toPartner ? 'you' : 'they'} had both answered`;
      case 'left':
        return `${self ? 'You' : name} left the couple`;
      case 'coach-access-started':
        return self ? 'Your access as their coach began' : `Coach access for ${name} began`;
      case 'coach-access-ended':
        return self ? 'Your access as their coach ended' : `Coach access for ${name} ended`;
      case 'coach-focus-chosen':
        if (self) return 'You chose a focus for them';
        return `${coachWho(name, gone, toPartner)} chose a focus`;
      case 'coach-focus-changed':
        if (self) return 'You chose a different focus for them';
        return `${coachWho(name, gone, toPartner)} chose a different focus`;
      case 'coach-focus-cleared':
        if (self) return 'You removed the focus you had chosen for them';
        return `${coachWho(name, gone, toPartner)} removed the focus they had chosen`;
      case 'focus-adopted':
        if (self) return 'You chose a new focus for the two of you';
        return toPartner ? `${name} chose a new focus for the two of you` : `${name} chose a new focus for the couple`;
      case 'focus-cleared':
        if (self) return 'You cleared your focus';
        return toPartner ? `${name} cleared your focus` : `${name} cleared the couple's focus`;
    }
  })();
  return `${capitalized(sentence)}.`;
}

/** A coach as a partner reads them ("your coach Kim"), or as another coach of the couple does ("Kim, another coach"). */
function coachWho(name: string, gone: boolean, toPartner: boolean): string {
  if (gone) return name;
  return toPartner ? `your coach ${name}` : `${name}, another coach,`;
}
