import { hasPeriodEnded, periodsThrough } from '#shared/domain/measure-periods';
import { changeSummary, scoreRange } from '#shared/domain/measure-scoring';
import { measureChangedAfterBothAnswered, measureVisibilityFilter } from '#shared/domain/measure-visibility';
import type { MeasureResultEntry, MeasureResultsDto } from '#shared/schemas/measure.schema';
import { compareWeeks, latestOpenWeek, weekOf } from '#shared/week';
import type { AppDeps } from '#server/deps';
import { Forbidden } from '#server/errors';
import { listAnswersOfAssignment } from '#server/repositories/measure-answers.repository';
import { findAssignment, type MeasureAssignmentRow } from '#server/repositories/measure-assignments.repository';
import { findMeasure, listVersions, sameQuestions } from '#server/repositories/measures.repository';
import { coachAccessStart, type CoupleAccess } from './access.service';
import { scheduleWithinViewersTime } from './measure-assignment.service';

// One schedule's scores, period by period, as the viewer may see them. The coach who scheduled it reads every
// partner's scores and item answers (once visible); a partner reads scores only, and only when the coach chose to
// show them to the couple. coupleReadProcedure has already checked the couple and logs a coach's read.

/** The same refusal whether the schedule does not exist or is someone else's, so an id cannot be probed. */
const notShared = () => new Forbidden('That measure is not shared with you.');
const keptByCoach = () =>
  new Forbidden('Your coach keeps the scores of this measure for your sessions together; they are not shown here.');

function assignmentFor(access: CoupleAccess, assignment: MeasureAssignmentRow | null): MeasureAssignmentRow {
  if (!assignment || access.coupleId === null || assignment.coupleId !== access.coupleId) throw notShared();
  if (access.viewerRole === 'coach') {
    if (assignment.coachId !== access.viewerId) throw notShared();
  } else if (!assignment.visibleToCouple) throw keptByCoach();
  return assignment;
}

export async function readMeasureResults(
  deps: AppDeps,
  access: CoupleAccess,
  assignmentId: string,
): Promise<MeasureResultsDto> {
  const assignment = assignmentFor(access, await findAssignment(deps.db, assignmentId));
  const [measure, versions, allRows, accessStart] = await Promise.all([
    findMeasure(deps.db, assignment.measureId),
    listVersions(deps.db, assignment.measureId),
    listAnswersOfAssignment(deps.db, assignment.id),
    coachAccessStart(deps.db, access),
  ]);
  // As the list of schedules shows them: one of an earlier pairing, or of a coach's earlier access, is not the
  // viewer's to read now. A coach let in again also reads only what was answered since this access began (as with
  // reflections shared with the coach).
  if (!scheduleWithinViewersTime(assignment, access, accessStart)) throw notShared();
  const rows = accessStart === null ? allRows : allRows.filter((row) => row.createdAt >= accessStart);
  const current = versions.find((v) => v.version === measure?.currentVersion) ?? versions.at(-1);
  if (!measure || !current) throw notShared();

  const now = deps.now();
  const isCoach = access.viewerRole === 'coach';
  const memberIds = access.members.map((m) => m.id);
  // By its own dates only: a stopped schedule's period may be scheduled again and answered then.
  const periodClosed = (period: string) => hasPeriodEnded(assignment, period, now);
  const visible = measureVisibilityFilter(rows, {
    memberIds,
    // The coach reads as no member: only what every partner may already see.
    viewerId: isCoach ? null : access.viewerId,
    sharedFromWeek: access.sharedFromWeek,
    sharedSince: access.sharedSince,
    periodClosed,
  });
  const changedLate = measureChangedAfterBothAnswered(rows, memberIds);
  const shown = rows.filter(visible);

  const series = new Set(versions.filter((v) => sameQuestions(v, current)).map((v) => v.version));
  const partners = access.members.map((member) => {
    const own = shown.filter((r) => r.userId === member.id);
    const entries: MeasureResultEntry[] = [];
    for (const row of own) {
      if (row.skipped || row.score === null) continue;
      const entry: MeasureResultEntry = {
        period: row.period,
        score: row.score,
        version: row.version,
        changedAfterBothAnswered: changedLate(row),
      };
      // Item answers are for the coach only, never for a partner, not even their own.
      if (isCoach && row.answers !== null) entry.answers = row.answers;
      entries.push(entry);
    }
    return {
      userId: member.id,
      displayName: member.displayName,
      entries,
      skipped: own.filter((r) => r.skipped).map((r) => r.period),
      summary: changeSummary(scoresOfSeries(entries, series), current.cutoff, current.reliableChange),
    };
  });

  const answeredVersions = new Set(partners.flatMap((p) => p.entries.map((e) => e.version)));
  // A running schedule: up to the newest period under way. A stopped one: up to the week it stopped in, or to a later
  // period answered before it stopped (on a Sunday afternoon UTC, it is already Monday east of it: see openPeriods).
  const lastWeek =
    assignment.endedAt === null
      ? latestOpenWeek(now)
      : shown.reduce(
          (latest, row) => (compareWeeks(row.period, latest) > 0 ? row.period : latest),
          weekOf(new Date(assignment.endedAt)),
        );
  return {
    assignmentId: assignment.id,
    measure: {
      measureId: measure.id,
      name: current.name,
      version: current.version,
      instructions: current.instructions,
      scoring: current.scoring,
      reliableChange: current.reliableChange,
      scoreRange: scoreRange(current),
    },
    cutoff: current.cutoff,
    everyWeeks: assignment.everyWeeks,
    startWeek: assignment.startWeek,
    visibleToCouple: assignment.visibleToCouple,
    endedAt: assignment.endedAt,
    periods: periodsThrough(assignment, lastWeek),
    partners,
    versions: isCoach
      ? versions.filter((v) => answeredVersions.has(v.version)).map((v) => ({ version: v.version, items: v.items }))
      : [],
  };
}

/**
 * The scores the change is read from: those answered with the measure's current questions (`series`: the versions
 * that ask what the current one asks), as the roster's flags read them. An edit of the questions may add, drop or
 * rescale items, and a score from before it is then no baseline for one after it; a new cut-off or name is not that.
 */
function scoresOfSeries(entries: readonly MeasureResultEntry[], series: ReadonlySet<number>): number[] {
  return entries.filter((e) => series.has(e.version)).map((e) => e.score);
}
