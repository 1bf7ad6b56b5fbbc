import { inTransaction } from '#server/db/dialect';
import { currentWeek } from '#shared/week';
import type { DB } from '#server/db/database';
import { checkpointAfterErase } from '#server/db/erase';
import { accountKey } from '#server/auth/failed-logins';
import { deleteFailuresOf } from '#server/repositories/failed-logins.repository';
import type { AppDeps } from '#server/deps';
import { Conflict } from '#server/errors';
import { findMembership } from '#server/repositories/account-data.repository';
import { forgetCoachName } from '#server/repositories/coach-access-log.repository';
import { deleteCoachFocusesOfCouple } from '#server/repositories/coach-focuses.repository';
import { rememberLinksOfEmptyCouple } from '#server/repositories/coach-links.repository';
import { forgetMeasuresNobodyAnswered, releaseMeasuresOfCoach } from '#server/repositories/measure-data.repository';
import { endCurrentFocus } from '#server/repositories/focuses.repository';
import {
  deleteCoupleIfEmpty,
  deleteUser,
  expireOpenCodesMadeBy,
  markPartnerLeft,
  removeMembership,
} from '#server/repositories/membership.repository';
import { recordActivity, recordCoachAccountEnding } from './activity.service';
import type { Caller } from './caller';
import { refuseDemoPairing } from './couple.service';
import { confirmPassword } from './password.service';
import { keepAnswersOfEmptyCouple, keepAnswersOfLeaver } from './restored-measures.service';
import type { SessionHandle } from './session.service';

const NOT_IN_A_COUPLE = "You're not in a couple, so there is nothing to leave.";

/**
 * The caller leaves their couple. Ratings, notes and reflections belong to their authors and stay with them;
 * since everything shared is shown only within a couple, neither sees the other's from now on, and the couple's
 * coaches keep only the partner who stayed. A couple left empty is deleted with everything that hangs on it.
 */
export async function leaveCouple(deps: AppDeps, caller: Caller): Promise<{ ok: true }> {
  refuseDemoPairing(caller);
  const coupleId = caller.coupleId;
  if (!coupleId) throw new Conflict(NOT_IN_A_COUPLE);
  const nowIso = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    // A second tab may have left a moment earlier.
    if (!(await leaveInTransaction(trx, coupleId, caller.id, nowIso, false))) throw new Conflict(NOT_IN_A_COUPLE);
  });
  // A couple left empty is deleted with its coaches' notes and focus notes.
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

async function leaveInTransaction(
  trx: DB,
  coupleId: string,
  userId: string,
  nowIso: string,
  erasing: boolean,
): Promise<boolean> {
  if (!(await removeMembership(trx, coupleId, userId))) return false;
  // What the one who stays shared with the two of them stays with that pairing: the couple's coaches, and whoever
  // joins later, read them from now on only.
  await markPartnerLeft(trx, coupleId, nowIso);
  await expireOpenCodesMadeBy(trx, coupleId, userId, nowIso);
  // The focus the two chose, and the focus and note a coach assigned them, were for that pairing: whoever joins the
  // one who stays starts from none rather than reading what was meant for the two before.
  await endCurrentFocus(trx, coupleId, currentWeek(new Date(nowIso)), nowIso);
  await deleteCoachFocusesOfCouple(trx, coupleId);
  // The one who stays reads that the other left; a couple left empty takes its feed with it, and its coaches' rosters
  // say that their access ended.
  await recordActivity(trx, coupleId, 'left', userId, nowIso);
  await rememberLinksOfEmptyCouple(trx, coupleId, nowIso);
  // Measure answers hang on the couple's assignments: the leaver keeps theirs at once (an account being deleted takes
  // its own with it), and a couple left empty, whose assignments go with it, leaves anyone else's to their authors.
  if (!erasing) await keepAnswersOfLeaver(trx, coupleId, userId, nowIso);
  await keepAnswersOfEmptyCouple(trx, coupleId, nowIso, erasing ? userId : null);
  await deleteCoupleIfEmpty(trx, coupleId);
  await forgetMeasuresNobodyAnswered(trx);
  return true;
}

/**
 * Erases the caller and everything they wrote, after their password confirms it is them. They leave their couple
 * first (deleting it when they were its last member), so the partner keeps their own data and a couple of one.
 * The session (its id counts the password checks it makes) ends with the account, and its cookie is cleared.
 */
export async function deleteAccount(
  deps: AppDeps,
  caller: Caller,
  session: SessionHandle & { id: string },
  password: string,
): Promise<{ ok: true }> {
  await confirmPassword(deps, caller, session.id, password, "That password isn't right. Nothing was deleted.");
  const nowIso = deps.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    const membership = await findMembership(trx, caller.id);
    if (membership) await leaveInTransaction(trx, membership.coupleId, caller.id, nowIso, true);
    await forgetCoachName(trx, caller.id);
    // A coach's couples read that the access ended; the entries lose the name with the account.
    await recordCoachAccountEnding(trx, caller.id, nowIso);
    // A coach's measures that couples answered stay (without a coach) so the answers keep their items; the rest go.
    if (caller.role === 'coach') await releaseMeasuresOfCoach(trx, caller.id, nowIso);
    // Sessions, check-ins, reflections, measure answers and restored measures, codes and reset links cascade; focus and
    // log rows keep only the couple's part.
    await deleteUser(trx, caller.id);
    await forgetMeasuresNobodyAnswered(trx);
    // The email can sign up again at once, with no failures counted against it. In the same transaction, so that
    // nothing can fail once the deletion has committed (the answer would be a 500 for an account already gone).
    await deleteFailuresOf(trx, accountKey(caller.email));
  });
  await checkpointAfterErase(deps.db);
  session.cookie.clear();
  return { ok: true };
}
