import { suggestNext, type SuggestionResult } from '#shared/domain/suggestion';
import { addWeeks, currentWeek } from '#shared/week';
import type { AppDeps } from '#server/deps';
import { findLatestCoachFocus } from '#server/repositories/coach-focuses.repository';
import { currentFocus } from './focus.service';
import type { CoupleAccess } from './access.service';
import { readerOf, readVisibleCheckIns } from './visible-check-ins';

/** The engine looks at recent weeks only; a need from a year ago is not this week's. */
const SUGGESTION_WEEKS = 12;

/**
 * The couple's practice for this week. It rests on the weeks before this one (see `suggestNext`), so checking in this
 * week does not move it, and reads only what both partners may already see (a week that has ended, or one both have
 * logged), so it ranks the same for either of them and never hints at an answer still under wraps. Only the wording
 * differs by reader: each partner is "you" in their own copy, and a coach reads about "them".
 */
export async function readSuggestion(deps: AppDeps, access: CoupleAccess): Promise<SuggestionResult> {
  const now = deps.now();
  const thisWeek = currentWeek(now);
  // Built from what everyone involved may see: with two partners, or for a coach, the weeks from the start of the
  // couple's current membership; a partner on their own reads all of their own weeks, as nobody shares them.
  const alone = access.viewerRole === 'partner' && access.members.length === 1;
  const reader = { ...readerOf(access), viewerId: alone ? access.viewerId : null, sameForAll: !alone };
  const range = { fromWeek: addWeeks(thisWeek, -SUGGESTION_WEEKS), toWeek: addWeeks(thisWeek, -1) };
  const { visible: shared } = await readVisibleCheckIns(deps.db, reader, range, now);
  const [focus, coachFocus] = access.coupleId
    ? await Promise.all([currentFocus(deps.db, access.coupleId), findLatestCoachFocus(deps.db, access.coupleId)])
    : [null, null];
  return suggestNext({
    thisWeek,
    partners: access.members.map((m) => ({
      name: m.displayName,
      you: access.viewerRole === 'partner' && m.id === access.viewerId,
      entries: shared.filter((r) => r.userId === m.id).map((r) => ({ week: r.week, ratings: r.ratings })),
    })),
    focus: focus && { practiceId: focus.practiceId, sinceWeek: focus.startWeek },
    coachFocus: coachFocus && {
      practiceId: coachFocus.practiceId,
      note: coachFocus.note,
      coachName: coachFocus.coachName,
      byReader: access.viewerRole === 'coach' && coachFocus.coachId === access.viewerId,
    },
    reader: access.viewerRole,
  });
}
