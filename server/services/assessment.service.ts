import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type {
  AssessmentDto,
  HistoryDto,
  HistoryEntryDto,
  submitAssessmentInputSchema,
  WeekStatusDto,
} from '#shared/schemas/assessment.schema';
import { changedAfterBothAnswered, type TimedEntry } from '#shared/domain/late-changes';
import { compareWeeks, currentWeek, latestOpenWeek, type Week } from '#shared/week';
import { inTransaction } from '#server/db/dialect';
import { checkpointAfterErase } from '#server/db/erase';
import { parseRatings } from '#server/db/ratings-encoding';
import type { AppDeps } from '#server/deps';
import { Invalid, Unauthenticated } from '#server/errors';
import {
  findAssessment,
  upsertAssessment,
  usersWhoSubmitted,
  type WeekRange,
} from '#server/repositories/assessments.repository';
import { ensureRoomForText, textBytes } from './storage-quota.service';
import type { CoupleAccess } from './access.service';
import { recordingCheckIn } from './activity.service';
import type { Caller } from './caller';
import { countedBy, readerOf, readVisibleCheckIns } from './visible-check-ins';

export async function submitAssessment(
  deps: AppDeps,
  caller: Caller,
  input: z.output<typeof submitAssessmentInputSchema>,
): Promise<AssessmentDto> {
  const latest = latestOpenWeek(deps.now());
  if (compareWeeks(input.week, latest) > 0) {
    throw new Invalid(`week: ${input.week} hasn't started anywhere yet; the latest week you can log is ${latest}.`);
  }
  // A copy kept on a device for someone else than this session's person (they signed in in another tab since): the
  // copy waits for its author's next sign-in (the client keeps what a 401 refuses), and nothing is stored.
  if (input.forUserId !== undefined && input.forUserId !== caller.id) {
    throw new Unauthenticated('This check-in was written by someone who is not signed in here now.');
  }
  const userId = caller.id;
  const note = input.note?.trim() ? input.note.trim() : null;
  const nowIso = deps.now().toISOString();
  // The note the write replaced, as the transaction read it (its last attempt, should PostgreSQL have retried it).
  const replacedNote = await inTransaction(deps.db, (db) =>
    // The couple's feed hears of a first check-in for the week, or of ratings changed after both had answered.
    recordingCheckIn(db, caller, { week: input.week, ratings: input.ratings, at: nowIso }, async (read) => {
      // The only text a check-in changes is its note, and the row read above holds the one it replaces: the growth is
      // known without summing this person's text twice, and a note that does not grow needs no count at all. (The
      // busiest write of all, this saves two of its statements; the transaction keeps the count and write atomic.)
      await ensureRoomForText(db, userId, textBytes(note) - textBytes(read?.note));
      await upsertAssessment(
        db,
        { id: randomUUID(), userId, week: input.week, ratings: input.ratings, note, nowIso },
        read,
      );
      return read?.note ?? null;
    }),
  );
  // A resubmission that changes or drops the private note replaces words the author may want gone.
  if (replacedNote !== null && replacedNote !== note) await checkpointAfterErase(deps.db);
  return { week: input.week, ratings: input.ratings, note, updatedAt: nowIso };
}

/** The caller's own check-in for one week, note included. */
export async function readOwnAssessment(deps: AppDeps, caller: Caller, week: Week): Promise<AssessmentDto | null> {
  const row = await findAssessment(deps.db, caller.id, week);
  return row && { week: row.week, ratings: parseRatings(row.ratings), note: row.note, updatedAt: row.updatedAt };
}

/**
 * The couple's check-ins as the viewer may see them (see `checkInsSeenBy`). Rows from before the membership are
 * dropped before anything is worked out from them, so not even a "changed late" mark is judged against another
 * person's answer from then.
 */
export async function readHistory(deps: AppDeps, access: CoupleAccess, range: WeekRange): Promise<HistoryDto> {
  const reader = readerOf(access);
  const { memberIds } = reader;
  const { counted, visible } = await readVisibleCheckIns(deps.db, reader, range, deps.now());
  // Judged on every counted row, asked of the visible ones (whose ratings are decoded).
  const changedLate = changedAfterBothAnswered<TimedEntry>(counted, memberIds);

  const entries = new Map<string, HistoryEntryDto[]>(memberIds.map((id) => [id, []]));
  for (const row of visible) {
    const entry: HistoryEntryDto = { week: row.week, ratings: row.ratings, changedAfterBothAnswered: changedLate(row) };
    // A note is never shown to anyone but its author.
    if (row.userId === access.viewerId) entry.note = row.note;
    entries.get(row.userId)?.push(entry);
  }

  return {
    partners: access.members.map((m) => ({
      userId: m.id,
      displayName: m.displayName,
      entries: entries.get(m.id) ?? [],
    })),
  };
}

/**
 * Who has logged the week, without what they logged: enough to say "your turn" without anchoring anyone. Of a week
 * before the couple's current membership, only the viewer's own answer is told; the others read as not logged.
 */
export async function readWeekStatus(
  deps: AppDeps,
  access: CoupleAccess,
  week: Week | undefined,
): Promise<WeekStatusDto> {
  const target = week ?? currentWeek(deps.now());
  const submitted = await usersWhoSubmitted(
    deps.db,
    access.members.map((m) => m.id),
    target,
  );
  const told = countedBy(readerOf(access));
  return {
    week: target,
    partners: access.members.map((m) => ({
      userId: m.id,
      displayName: m.displayName,
      submitted: submitted.has(m.id) && told({ userId: m.id, week: target }),
    })),
  };
}
