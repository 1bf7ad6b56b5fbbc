import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { PracticeId } from '../../shared/practice-ids';
import { focusWithin } from '../../shared/domain/membership';
import type { FocusDto, FocusListDto } from '../../shared/schemas/focus.schema';
import { currentWeek } from '../../shared/week';
import { isUniqueViolation } from '../db/errors';
import { endCurrentFocus, findCurrentFocus, insertFocus, listFocuses } from '../repositories/focuses.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';
import { viewerPresentSince, type CoupleAccess } from './access.service';

function coupleOf(user: UserWithCouple): string {
  if (!user.couple_id) {
    throw new TRPCError({ code: 'CONFLICT', message: 'A focus belongs to the two of you: pair with your partner first, then choose one together.' });
  }
  return user.couple_id;
}

/**
 * Makes a practice the couple's focus from this week on, ending the one before. Adopting the practice that is
 * already the focus changes nothing, so it keeps its start week (and the patience that comes with it).
 */
export async function adoptFocus(ctx: Context, user: UserWithCouple, practiceId: PracticeId): Promise<FocusDto> {
  const coupleId = coupleOf(user);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const current = await findCurrentFocus(trx, coupleId);
      if (current?.practiceId === practiceId) return current;
      await endCurrentFocus(trx, coupleId, currentWeek(now), now.toISOString());
      await insertFocus(trx, { id: randomUUID(), coupleId, practiceId, startWeek: currentWeek(now), adoptedBy: user.id, nowIso: now.toISOString() });
      return (await findCurrentFocus(trx, coupleId))!;
    });
  } catch (error) {
    // The partner adopted one at the same moment: the index that allows one current focus per couple refused ours.
    if (isUniqueViolation(error)) {
      throw new TRPCError({ code: 'CONFLICT', message: 'Your partner changed the focus just now. Reload to see it, then choose again if you like.' });
    }
    throw error;
  }
}

/** Stops the current focus; the suggestion goes back to the numbers alone. Clearing with no focus is fine. */
export async function clearFocus(ctx: Context, user: UserWithCouple): Promise<{ ok: true }> {
  const coupleId = coupleOf(user);
  const now = ctx.now();
  await endCurrentFocus(ctx.db, coupleId, currentWeek(now), now.toISOString());
  return { ok: true };
}

/** The couple's focuses the viewer lived through (see `focusWithin`): one that ended earlier belongs to another pairing. */
export async function readFocuses(ctx: Context, access: CoupleAccess): Promise<FocusListDto> {
  if (!access.coupleId) return { current: null, history: [] };
  const since = viewerPresentSince(access);
  const history = (await listFocuses(ctx.db, access.coupleId)).filter((focus) => focusWithin(focus, since));
  return { current: history.find((f) => f.endWeek === null) ?? null, history };
}
