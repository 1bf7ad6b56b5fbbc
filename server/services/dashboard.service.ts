import { buildDashboard, LOOKBACK_WEEKS, rangeBounds } from '#shared/domain/dashboard';
import { streakRun } from '#shared/domain/series';
import { changedAfterBothAnswered, type TimedEntry } from '#shared/domain/late-changes';
import { focusWithin } from '#shared/domain/membership';
import type { OwnedWeek } from '#shared/domain/visibility';
import type { DashboardDto, DashboardRange } from '#shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, currentWeek, newestEndedWeek, oldestUnendedWeek, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import type { AppDeps } from '#server/deps';
import { firstCheckInWeek, listCheckInsFrom } from '#server/repositories/assessments.repository';
import { coupleFocuses } from './focus.service';
import { viewerPresentSince, type CoupleAccess } from './access.service';
import { fullWeeksBefore } from './streak.service';
import { checkInsSeenBy, readerOf } from './visible-check-ins';

/** One set-based read for the whole couple (never one per week or per practice), then pure computation. */
export async function readDashboard(deps: AppDeps, access: CoupleAccess, range: DashboardRange): Promise<DashboardDto> {
  const now = deps.now();
  const thisWeek = currentWeek(now);
  const reader = readerOf(access);
  const memberIds = [...reader.memberIds];

  // 'all' starts at the first logged week, so it reads everything. A fixed range reads only what its charts need:
  // from its start, less the look-back.
  const readFrom = range === 'all' ? null : addWeeks(rangeBounds(range, thisWeek, null).fromWeek, -LOOKBACK_WEEKS);
  // Another person's weeks from before the couple's current membership are not the viewer's to see, nor to count:
  // neither in the streak, nor in who has logged, nor in where 'all' begins. Who has logged (and so the streak)
  // counts a partner's week still under wraps, which is not shown.
  // Reads that do not depend on each other go out together: on PostgreSQL each is a round trip, which a pool runs side
  // by side; SQLite's one connection takes them in turn, as before. The focus history is short (one row per adoption),
  // so it is read whole, and the domain clips it to the range.
  const [rows, focusRows, firstStored] = await Promise.all([
    listCheckInsFrom(deps.db, memberIds, readFrom),
    access.coupleId ? coupleFocuses(deps.db, access.coupleId) : Promise.resolve([]),
    readFrom === null ? Promise.resolve(null) : firstStoredWeek(deps.db, access),
  ]);
  const { counted, visible } = checkInsSeenBy(rows, reader, now);
  const loggedWeeks = weeksByMember(counted, memberIds);
  const streakFloor = memberIds.every((id) => id === access.viewerId) ? null : access.sharedFromWeek;
  const presentSince = viewerPresentSince(access);
  const focuses = focusRows.filter((f) => focusWithin(f, presentSince));

  // From what the viewer may see: the start of 'all' must not give away a partner's entry still under wraps.
  const firstWeek = readFrom === null ? (visible[0]?.week ?? null) : firstVisibleWeek(firstStored, visible, now);

  const streak = await streakFrom(
    deps.db,
    memberIds,
    loggedWeeks,
    { thisWeek, unendedFrom: oldestUnendedWeek(now) },
    readFrom,
    streakFloor,
  );
  const changedLate = latestChangedLate(memberIds, visible, counted, rangeBounds(range, thisWeek, firstWeek));
  return buildDashboard({
    range,
    thisWeek,
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName })),
    entries: visible,
    loggedWeeks,
    streak,
    changedLate,
    firstWeek: firstWeek && compareWeeks(firstWeek, thisWeek) <= 0 ? firstWeek : null,
    focuses,
  });
}

/** The earliest of the reader's own weeks and the others' weeks within the membership, as stored. */
function firstStoredWeek(db: DB, access: CoupleAccess): Promise<Week | null> {
  const isMember = access.members.some((m) => m.id === access.viewerId);
  const others = access.members.filter((m) => m.id !== access.viewerId).map((m) => m.id);
  return firstCheckInWeek(db, isMember ? access.viewerId : null, others, access.sharedFromWeek);
}

/**
 * Where the reader's history begins, for a range that does not read all of it: the earliest of their own weeks and
 * the others' weeks within the membership. When that is a week still under way (so every check-in there is, it is
 * among the rows read), the first of those the reader may see stands in, so a partner's hidden answer shows nothing.
 */
function firstVisibleWeek(first: Week | null, visible: readonly OwnedWeek[], now: Date): Week | null {
  if (first === null || compareWeeks(first, newestEndedWeek(now)) <= 0) return first;
  return visible[0]?.week ?? null;
}

/**
 * The couple's streak from the weeks read; one that reaches back to the first week read may go on before it, and is
 * followed in the database (counted, not read), so a years-long streak costs a few short queries. It never reaches
 * before `floor` (the couple's current membership), as the weeks read do not.
 */
async function streakFrom(
  db: DB,
  memberIds: string[],
  loggedWeeks: Set<Week>[],
  { thisWeek, unendedFrom }: { thisWeek: Week; unendedFrom: Week },
  readFrom: Week | null,
  floor: Week | null,
) {
  const { streak, earliest } = streakRun(loggedWeeks, thisWeek, unendedFrom);
  if (readFrom === null || earliest === null) return streak;
  return compareWeeks(earliest, readFrom) <= 0
    ? streak + (await fullWeeksBefore(db, memberIds, readFrom, floor))
    : streak;
}

/**
 * Per partner, their latest visible week in the range (the one side by side shows; an early entry for next week is
 * past the range) when its ratings changed after everyone had answered it. Judged on the counted rows of those weeks,
 * which the dashboard's read holds with their answer times: every member's rows from a week before these on. The
 * viewer's own latest week may be older than the membership: the other's answer of then is not counted, so not
 * compared with.
 */
function latestChangedLate<Row extends TimedEntry>(
  memberIds: string[],
  visible: readonly OwnedWeek[],
  counted: readonly Row[],
  range: { fromWeek: Week; toWeek: Week },
): Set<Week>[] {
  const inRange = (week: Week) => compareWeeks(week, range.fromWeek) >= 0 && compareWeeks(week, range.toWeek) <= 0;
  const latest = memberIds.map((id) => visible.findLast((row) => row.userId === id && inRange(row.week))?.week);
  const weeks = new Set(latest.filter((week) => week !== undefined));
  if (memberIds.length < 2 || weeks.size === 0) return memberIds.map(() => new Set());
  const times = counted.filter((row) => weeks.has(row.week));
  const changedLate = changedAfterBothAnswered(times, memberIds);
  return memberIds.map(
    (id, index) =>
      new Set(times.filter((t) => t.userId === id && t.week === latest[index] && changedLate(t)).map((t) => t.week)),
  );
}

function weeksByMember(rows: OwnedWeek[], memberIds: string[]): Set<Week>[] {
  const weeks = memberIds.map(() => new Set<Week>());
  for (const row of rows) weeks[memberIds.indexOf(row.userId)]?.add(row.week);
  return weeks;
}
