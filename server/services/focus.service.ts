import { randomUUID } from 'node:crypto';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import { focusWithin } from '#shared/domain/membership';
import type { FocusDto, FocusListDto } from '#shared/schemas/focus.schema';
import { currentWeek } from '#shared/week';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import { consumeOrRefuse, giveBack, limiterPerServer } from '#server/auth/rate-limits';
import type { AppDeps } from '#server/deps';
import { Conflict } from '#server/errors';
import type { DB } from '#server/db/database';
import {
  endCurrentFocus,
  findCurrentFocus,
  insertFocus,
  listFocuses,
  type FocusRow,
} from '#server/repositories/focuses.repository';
import { viewerPresentSince, type CoupleAccess } from './access.service';
import { recordActivity } from './activity.service';
import type { Caller } from './caller';
import { stillInCouple } from './still-in-couple';

function toFocusDto(row: FocusRow): FocusDto | null {
  // Rows are written through the schema, but a hand-edited one must not reach a chart as an unknown practice.
  if (!isPracticeId(row.practiceId)) return null;
  const { adoptedByName, adoptedBy, ...focus } = row;
  return {
    ...focus,
    practiceId: row.practiceId,
    adoptedBy: adoptedBy && adoptedByName !== null ? { id: adoptedBy, displayName: adoptedByName } : null,
  };
}

/** Every focus of the couple as the client sees them, newest first (the current one, if any, leads). */
export async function coupleFocuses(db: DB, coupleId: string): Promise<FocusDto[]> {
  return (await listFocuses(db, coupleId)).flatMap((row) => toFocusDto(row) ?? []);
}

/** The couple's current focus, if any. */
export async function currentFocus(db: DB, coupleId: string): Promise<FocusDto | null> {
  const row = await findCurrentFocus(db, coupleId);
  return row && toFocusDto(row);
}

const NOT_PAIRED = () =>
  new Conflict('A focus belongs to the two of you: pair with your partner first, then choose one together.');

/**
 * Changes of focus each partner may make in a day (adoptions and clearings that change something): far more than a
 * couple choosing together needs, and it keeps the focus history, which every dashboard and roster reads, from being
 * grown without end. Counted per partner in the couple, so one partner cannot use up the other's.
 */
export const FOCUS_CHANGES_PER_DAY = 30;
const focusChangesPerPartner = limiterPerServer({
  keyPrefix: 'focus-change',
  points: FOCUS_CHANGES_PER_DAY,
  duration: 24 * 60 * 60,
});

/** Counts a change of focus by this partner, or refuses it past the day's allowance (before anything is written). */
async function countFocusChange(deps: AppDeps, coupleId: string, caller: Caller): Promise<void> {
  await consumeOrRefuse(
    focusChangesPerPartner(deps),
    `${coupleId}:${caller.id}`,
    'You have changed your focus many times today. Give this one a little time, and change it again tomorrow if you like.',
  );
}

/** Returns the point of a call that changed nothing, or was refused. */
async function giveBackFocusChange(deps: AppDeps, coupleId: string, caller: Caller): Promise<void> {
  await giveBack(focusChangesPerPartner(deps), `${coupleId}:${caller.id}`);
}

function coupleOf(caller: Caller): string {
  if (!caller.coupleId) throw NOT_PAIRED();
  return caller.coupleId;
}

/**
 * Makes a practice the couple's focus from this week on, ending the one before. Adopting the practice that is
 * already the focus changes nothing, so it keeps its start week (and the patience that comes with it).
 */
export async function adoptFocus(deps: AppDeps, caller: Caller, practiceId: PracticeId): Promise<FocusDto> {
  const coupleId = coupleOf(caller);
  const now = deps.now();
  await countFocusChange(deps, coupleId, caller);
  let changed = false;
  try {
    const focus = await inTransaction(deps.db, async (trx) => {
      // Set by the attempt that commits (PostgreSQL may run this again).
      changed = false;
      await stillInCouple(trx, caller);
      const current = await currentFocus(trx, coupleId);
      if (current?.practiceId === practiceId) return current;
      changed = true;
      await endCurrentFocus(trx, coupleId, currentWeek(now), now.toISOString());
      await insertFocus(trx, {
        id: randomUUID(),
        coupleId,
        practiceId,
        startWeek: currentWeek(now),
        adoptedBy: caller.id,
        nowIso: now.toISOString(),
      });
      await recordActivity(trx, coupleId, 'focus-adopted', caller.id, now.toISOString());
      return (await currentFocus(trx, coupleId))!;
    });
    // Adopting the current focus again changed nothing, and counts for nothing.
    if (!changed) await giveBackFocusChange(deps, coupleId, caller);
    return focus;
  } catch (error) {
    await giveBackFocusChange(deps, coupleId, caller);
    // The partner adopted one at the same moment: the index that allows one current focus per couple refused ours.
    if (isUniqueViolation(error)) {
      throw new Conflict('Your partner changed the focus just now. Reload to see it, then choose again if you like.');
    }
    throw error;
  }
}

/** Stops the current focus; the suggestion goes back to the numbers alone. Clearing with no focus is fine. */
export async function clearFocus(deps: AppDeps, caller: Caller): Promise<{ ok: true }> {
  const coupleId = coupleOf(caller);
  const now = deps.now();
  await countFocusChange(deps, coupleId, caller);
  const changed = await inTransaction(deps.db, async (trx) => {
    await stillInCouple(trx, caller);
    if (!(await findCurrentFocus(trx, coupleId))) return false;
    await endCurrentFocus(trx, coupleId, currentWeek(now), now.toISOString());
    await recordActivity(trx, coupleId, 'focus-cleared', caller.id, now.toISOString());
    return true;
  }).catch(async (error: unknown) => {
    await giveBackFocusChange(deps, coupleId, caller);
    throw error;
  });
  // Clearing with no focus changed nothing, and counts for nothing.
  if (!changed) await giveBackFocusChange(deps, coupleId, caller);
  return { ok: true };
}

/** The couple's focuses the viewer lived through (see `focusWithin`): one that ended earlier belongs to another pairing. */
export async function readFocuses(deps: AppDeps, access: CoupleAccess): Promise<FocusListDto> {
  if (!access.coupleId) return { current: null, history: [] };
  const since = viewerPresentSince(access);
  const memberIds = new Set(access.members.map((m) => m.id));
  const history = (await coupleFocuses(deps.db, access.coupleId))
    .filter((focus) => focusWithin(focus, since))
    // One chosen by a partner who has since left reads as a former partner's, as in the feed: neither their id nor
    // a name they chose afterwards reaches the couple they left, or its coach.
    .map((focus) =>
      focus.adoptedBy && !memberIds.has(focus.adoptedBy.id)
        ? { ...focus, adoptedBy: null, byFormerPartner: true as const }
        : focus,
    );
  return { current: history.find((f) => f.endWeek === null) ?? null, history };
}
