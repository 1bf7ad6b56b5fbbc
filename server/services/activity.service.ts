import { randomUUID } from 'node:crypto';
import { membershipStart } from '#shared/domain/membership';
import {
  ACTIVITY_PAGE_SIZE,
  formatActivityCursor,
  isActivityKind,
  parseActivityCursor,
  type ActivityKind,
  type ActivityPageDto,
} from '#shared/schemas/activity.schema';
import type { Ratings } from '#shared/schemas/common.schema';
import { compareWeeks, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { equalRatings } from '#server/db/ratings-encoding';
import type { AppDeps } from '#server/deps';
import { Invalid } from '#server/errors';
import { insertActivity, listActivity } from '#server/repositories/activity.repository';
import {
  findAssessment,
  listPartnersWithWeek,
  type OwnAssessmentRow,
  type PartnerWeekRow,
} from '#server/repositories/assessments.repository';
import { findFocusByCoach } from '#server/repositories/coach-focuses.repository';
import { findCoachLinkStart, listCoupleIdsOfCoach } from '#server/repositories/coach-links.repository';
import type { CoupleAccess } from './access.service';
import { activityText, isCoachKind } from './activity-text';
import type { Caller } from './caller';

// What changed in a couple, recorded by the service that changes it, through the same transaction (`db` below is
// always that transaction). Only the kind, the couple, who it is about, the week and when are kept; the sentence is
// built when read (see activity-text.ts).

/** Records one change of the couple, as part of the transaction that makes it. */
export async function recordActivity(
  db: DB,
  coupleId: string,
  kind: ActivityKind,
  actorId: string | null,
  at: string,
  week: Week | null = null,
): Promise<void> {
  await insertActivity(db, { id: randomUUID(), coupleId, kind, actorId, week, at });
}

/**
 * Runs `write`, the storing of the caller's check-in for `week`, and records what it changed for the couple: a first
 * check-in for the week, or ratings changed after every partner had answered it (the rule of "changed after both
 * answered"). A week from before the couple's current membership is the author's own business: nothing is recorded,
 * as `assessment.weekStatus` tells nobody else about it either. A note-only edit records nothing.
 */
export async function recordingCheckIn<T>(
  db: DB,
  caller: Caller,
  input: { week: Week; ratings: Ratings; at: string },
  // Handed the check-in as this transaction read it before the write, so the write need not read it again.
  write: (before: OwnAssessmentRow | null) => Promise<T>,
): Promise<T> {
  // The membership, the author's row and the others' answers for the week come in one read, inside the transaction.
  const partners = caller.coupleId ? await listPartnersWithWeek(db, caller.coupleId, input.week) : [];
  const own = partners.find((p) => p.userId === caller.id);
  // Someone in no couple (or no longer in this one) has their own row read alone.
  const before = own ? ownRow(own) : await findAssessment(db, caller.id, input.week);
  const result = await write(before);
  if (!caller.coupleId || !own) return result;
  const { sharedFromWeek } = membershipStart(partners);
  if (sharedFromWeek === null || compareWeeks(input.week, sharedFromWeek) < 0) return result;
  let kind: ActivityKind | null = null;
  if (before === null) kind = 'checked-in';
  else if (!equalRatings(before.ratings, input.ratings) && partners.length > 1) {
    // The write touched only the author's row, so the others' answers read before it still stand.
    const othersAnswered = partners.every((p) => p.userId === caller.id || p.week !== null);
    if (othersAnswered) kind = 'changed-after-both-answered';
  }
  if (kind) await recordActivity(db, caller.coupleId, kind, caller.id, input.at, input.week);
  return result;
}

/** A partner's row for the week as the author's own check-in, or null when they have none. */
function ownRow(partner: PartnerWeekRow): OwnAssessmentRow | null {
  const { week, ratings, note, updatedAt } = partner;
  return week === null || ratings === null || updatedAt === null ? null : { week, ratings, note, updatedAt };
}

/**
 * Runs `write`, which sets (or, with `practiceId: null`, removes) this coach's focus for the couple, and records it:
 * chosen when the coach had none, changed when the practice or its note differ, removed when there was one.
 */
export async function recordingCoachFocus<T>(
  db: DB,
  change: { coupleId: string; coachId: string; practiceId: string | null; note: string | null; at: string },
  write: () => Promise<T>,
): Promise<T> {
  const before = await findFocusByCoach(db, change.coupleId, change.coachId);
  const result = await write();
  let kind: ActivityKind | null = null;
  if (change.practiceId === null) kind = before ? 'coach-focus-cleared' : null;
  else if (!before) kind = 'coach-focus-chosen';
  else if (before.practiceId !== change.practiceId || before.note !== change.note) kind = 'coach-focus-changed';
  if (kind) await recordActivity(db, change.coupleId, kind, change.coachId, change.at);
  return result;
}

/** A coach deleting their account: every couple they coached reads that the access ended. */
export async function recordCoachAccountEnding(db: DB, coachId: string, at: string): Promise<void> {
  for (const coupleId of await listCoupleIdsOfCoach(db, coachId)) {
    await recordActivity(db, coupleId, 'coach-access-ended', coachId, at);
  }
}

/**
 * Since when the reader may read the couple's feed: a partner from their own joining (the one who stayed keeps what
 * happened before the other joined; a newcomer does not get an earlier pairing's), a coach from the start of their
 * own access, and only while it lasts (`coupleReadProcedure` has checked it).
 */
async function readerSince(db: DB, access: CoupleAccess): Promise<string | null> {
  if (!access.coupleId) return null;
  if (access.viewerRole === 'coach') {
    const linkStart = await findCoachLinkStart(db, access.coupleId, access.viewerId);
    // Like everything else a coach reads: nothing from before the current pair formed.
    return linkStart === null ? null : [linkStart, access.sharedSince ?? linkStart].sort().at(-1)!;
  }
  return access.members.find((m) => m.id === access.viewerId)?.joinedAt ?? null;
}

/** One page of the couple's feed, newest first; `before` is the `nextBefore` of the page before. */
export async function readActivity(
  deps: AppDeps,
  access: CoupleAccess,
  before: string | undefined,
): Promise<ActivityPageDto> {
  const cursor = before === undefined ? null : parseActivityCursor(before);
  if (before !== undefined && cursor === null) throw new Invalid('before: That page marker is not one the feed gave.');
  const since = await readerSince(deps.db, access);
  if (access.coupleId === null || since === null) return { items: [], nextBefore: null };
  const rows = await listActivity(deps.db, access.coupleId, since, cursor, ACTIVITY_PAGE_SIZE + 1);
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const reader = { id: access.viewerId, role: access.viewerRole };
  const memberIds = new Set(access.members.map((m) => m.id));
  const now = deps.now();
  const last = page.at(-1);
  return {
    // A hand-edited row of an unknown kind is left out rather than shown.
    items: page.flatMap((row) => {
      const kind = row.kind;
      if (!isActivityKind(kind)) return [];
      // A partner who has left takes their entries out of a coach's view, and is "a former partner" to the one who
      // stayed: a name they chose afterwards does not reach the couple they left. A partner entry with no actor is one
      // whose author deleted their account, and so left too.
      const formerPartner = !isCoachKind(kind) && (row.actorId === null || !memberIds.has(row.actorId));
      if (formerPartner && access.viewerRole === 'coach') return [];
      const facts = formerPartner ? { ...row, kind, actorName: null } : { ...row, kind };
      return [{ id: row.id, kind, at: row.at, text: activityText(facts, reader, now) }];
    }),
    nextBefore: rows.length > ACTIVITY_PAGE_SIZE && last ? formatActivityCursor(last) : null,
  };
}
