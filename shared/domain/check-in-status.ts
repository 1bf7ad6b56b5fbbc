// Who has checked in this week, in one sentence for whoever reads it. Every card that says it asks this function, so
// two cards can never disagree (one saying "you checked in", another "neither of you has").

import { listNames } from '#shared/wording';

export interface CheckInStatusPartner {
  userId: string;
  displayName: string;
  submitted: boolean;
}

/** A partner reads about themselves as "you"; a coach reads about the couple by name. */
export type CheckInReader = { role: 'partner'; userId: string } | { role: 'coach' };

/**
 * The sentence for this week's check-ins, saying nothing of what anyone rated. Partners in join order; a partner
 * reading is normally one of them (if not, they read it as a coach would, by name).
 */
export function checkInSentence(partners: readonly CheckInStatusPartner[], reader: CheckInReader): string {
  const me = reader.role === 'partner' ? partners.find((p) => p.userId === reader.userId) : undefined;
  if (!me) return aboutThem(partners);
  const others = partners.filter((p) => p !== me);
  if (others.length === 0)
    return me.submitted
      ? "You've checked in this week."
      : "You haven't checked in this week yet. It takes about two minutes.";
  const done = others.filter((p) => p.submitted);
  const names = listNames(others.map((p) => p.displayName));
  if (me.submitted && done.length === others.length)
    return others.length === 1
      ? "You've both checked in this week. Your ratings are now visible to each other."
      : "You've all checked in this week. Your ratings are now visible to each other.";
  if (me.submitted) return `You've checked in. ${names}'s turn; you'll see each other's ratings once you both have.`;
  if (done.length > 0)
    return `${listNames(done.map((p) => p.displayName))} ${done.length === 1 ? 'has' : 'have'} checked in. Their ratings show once you have too, so neither of you is swayed by the other.`;
  return 'Neither of you has checked in yet this week. It takes about two minutes.';
}

/** For a coach (or anyone outside the couple): each partner by name. */
function aboutThem(partners: readonly CheckInStatusPartner[]): string {
  if (partners.length === 0) return 'Nobody is in this couple now.';
  const done = partners.filter((p) => p.submitted).map((p) => p.displayName);
  const waiting = partners.filter((p) => !p.submitted).map((p) => p.displayName);
  if (partners.length === 1)
    return done.length === 1
      ? `${done[0]!} has checked in this week.`
      : `${waiting[0]!} hasn't checked in this week yet.`;
  if (waiting.length === 0)
    return `${listNames(done)} have ${partners.length === 2 ? 'both' : 'all'} checked in this week.`;
  if (done.length === 0)
    return partners.length === 2
      ? `Neither ${waiting[0]!} nor ${waiting[1]!} has checked in this week yet.`
      : `Nobody has checked in this week yet.`;
  return `${listNames(done)} ${done.length === 1 ? 'has' : 'have'} checked in this week; ${listNames(waiting)} not yet. Their ratings for this week show once both have.`;
}
