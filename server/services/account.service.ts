import { TRPCError } from '@trpc/server';
import { currentWeek } from '../../shared/week';
import type { DB } from '../db/database';
import { checkpointAfterErase } from '../db/erase';
import { findMembership } from '../repositories/account-data.repository';
import { forgetCoachName } from '../repositories/coach-access-log.repository';
import { deleteCoachFocusesOfCouple } from '../repositories/coach-focuses.repository';
import { endCurrentFocus } from '../repositories/focuses.repository';
import { deleteCoupleIfEmpty, deleteUser, expireOpenCodesMadeBy, removeMembership } from '../repositories/membership.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { confirmPassword } from './password.service';

const NOT_IN_A_COUPLE = "You're not in a couple, so there is nothing to leave.";

/**
 * The caller leaves their couple. Ratings, notes and reflections belong to their authors and stay with them;
 * since everything shared is shown only within a couple, neither sees the other's from now on, and the couple's
 * coaches keep only the partner who stayed. A couple left empty is deleted with everything that hangs on it.
 */
export async function leaveCouple(ctx: Context, user: UserWithCouple): Promise<{ ok: true }> {
  const coupleId = user.couple_id;
  if (!coupleId) throw new TRPCError({ code: 'CONFLICT', message: NOT_IN_A_COUPLE });
  const nowIso = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // A second tab may have left a moment earlier.
    if (!(await leaveInTransaction(trx, coupleId, user.id, nowIso))) throw new TRPCError({ code: 'CONFLICT', message: NOT_IN_A_COUPLE });
  });
  // A couple left empty is deleted with its coaches' notes and focus notes.
  await checkpointAfterErase(ctx.db);
  return { ok: true };
}

async function leaveInTransaction(trx: DB, coupleId: string, userId: string, nowIso: string): Promise<boolean> {
  if (!(await removeMembership(trx, coupleId, userId))) return false;
  await expireOpenCodesMadeBy(trx, coupleId, userId, nowIso);
  // The focus the two chose, and the focus and note a coach assigned them, were for that pairing: whoever joins the
  // one who stays starts from none rather than reading what was meant for the two before.
  await endCurrentFocus(trx, coupleId, currentWeek(new Date(nowIso)), nowIso);
  await deleteCoachFocusesOfCouple(trx, coupleId);
  await deleteCoupleIfEmpty(trx, coupleId);
  return true;
}

/**
 * Erases the caller and everything they wrote, after their password confirms it is them. They leave their couple
 * first (deleting it when they were its last member), so the partner keeps their own data and a couple of one.
 */
export async function deleteAccount(ctx: Context, user: UserWithCouple, password: string): Promise<{ ok: true }> {
  await confirmPassword(ctx, user, password, "That password isn't right. Nothing was deleted.");
  const nowIso = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const membership = await findMembership(trx, user.id);
    if (membership) await leaveInTransaction(trx, membership.couple_id, user.id, nowIso);
    await forgetCoachName(trx, user.id);
    // Sessions, check-ins, reflections, codes and reset links cascade; focus and log rows keep only the couple's part.
    await deleteUser(trx, user.id);
  });
  await checkpointAfterErase(ctx.db);
  ctx.failedLogins.reset(user.email);
  ctx.cookie.clear();
  return { ok: true };
}
