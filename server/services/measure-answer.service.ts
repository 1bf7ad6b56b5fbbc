import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import { answersProblem, scoreAnswers } from '#shared/domain/measure-scoring';
import { isPeriodStart, openPeriods, periodEndWeek } from '#shared/domain/measure-periods';
import type {
  answerMeasureInputSchema,
  DueMeasureDto,
  MeasureAnswerStatus,
  skipMeasureInputSchema,
} from '#shared/schemas/measure.schema';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import type { DB } from '#server/db/database';
import type { AppDeps } from '#server/deps';
import { Conflict, Invalid, NotFound } from '#server/errors';
import { hasCoachLink } from '#server/repositories/coach-links.repository';
import {
  findAnswer,
  insertAnswer,
  listOwnAnswers,
  replaceAnswer,
  type AnswerWrite,
} from '#server/repositories/measure-answers.repository';
import {
  findAssignment,
  listLiveAssignmentsOfCouple,
  type MeasureAssignmentRow,
} from '#server/repositories/measure-assignments.repository';
import { findMeasure, findVersion, type MeasureVersionRow } from '#server/repositories/measures.repository';
import type { Caller } from './caller';
import { stillInCouple } from './still-in-couple';

// A partner answers, or skips, a period of a measure their couple's coach scheduled. There is no user id in any
// input: a partner answers only for themselves. A period is answerable while it is open (measure-periods.ts) and the
// schedule runs under a coach the couple still consents to.

/** The same answer for "no such schedule" and "another couple's", so an id cannot be probed. */
const notYours = () => new NotFound('That measure is not scheduled for your couple. Reload the check-in page.');

const notDue = (period: string) =>
  new Invalid(
    `period: this measure is not due for ${period}. A period can be answered from its first week until its last week has ended.`,
  );

const questionsChanged = () =>
  new Conflict(
    'The questions of this measure changed since you opened it. Nothing was saved: reload the page to answer the new ones.',
  );

interface Answerable {
  assignment: MeasureAssignmentRow;
  version: MeasureVersionRow;
}

/** The schedule and the version answered now, or the refusal the caller should hear. */
async function answerableOrRefuse(db: DB, partner: Caller, assignmentId: string, period: string, now: Date) {
  const assignment = await findAssignment(db, assignmentId);
  if (!assignment || partner.coupleId === null || assignment.coupleId !== partner.coupleId) throw notYours();
  await stillInCouple(db, partner);
  const live =
    assignment.endedAt === null &&
    assignment.coachId !== null &&
    (await hasCoachLink(db, assignment.coupleId, assignment.coachId));
  if (!live || !isPeriodStart(assignment, period) || !openPeriods(assignment, now).includes(period)) {
    throw notDue(period);
  }
  const measure = await findMeasure(db, assignment.measureId);
  const version = measure && (await findVersion(db, measure.id, measure.currentVersion));
  if (!measure || measure.archivedAt !== null || !version || version.items.length === 0) throw notDue(period);
  return { assignment, version } satisfies Answerable;
}

/** Runs a write keyed by (assignment, partner, period) once more if another request inserted the same row first. */
async function onceMore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) return work();
    throw error;
  }
}

/**
 * Stores the caller's answers for the period, checked against the measure's current version, and their score.
 * The same answers again change nothing (a retry must not read as a late change); different ones replace them, or a
 * skip, and mark when they changed. The score comes back only when the couple sees scores.
 */
export async function answerMeasure(
  deps: AppDeps,
  partner: Caller,
  input: z.output<typeof answerMeasureInputSchema>,
): Promise<{ score: number | null }> {
  const now = deps.now();
  return onceMore(() =>
    inTransaction(deps.db, async (trx) => {
      const { assignment, version } = await answerableOrRefuse(trx, partner, input.assignmentId, input.period, now);
      if (input.version !== undefined && input.version !== version.version) throw questionsChanged();
      const problem = answersProblem(version.items, input.answers);
      if (problem !== null) throw new Invalid(problem);
      const score = scoreAnswers(version, input.answers);
      const write: AnswerWrite = {
        assignmentId: assignment.id,
        userId: partner.id,
        period: input.period,
        versionId: version.id,
        answers: [...input.answers],
        score,
        nowIso: now.toISOString(),
      };
      const earlier = await findAnswer(trx, assignment.id, partner.id, input.period);
      if (!earlier) await insertAnswer(trx, randomUUID(), write);
      else {
        const same =
          !earlier.skipped &&
          earlier.versionId === version.id &&
          JSON.stringify(earlier.answers) === JSON.stringify(input.answers);
        if (!same) await replaceAnswer(trx, earlier.id, write, earlier.skipped);
      }
      return { score: assignment.visibleToCouple ? score : null };
    }),
  );
}

/**
 * Marks the period skipped for the caller: shown as skipped, and answering later in the period replaces it. A period
 * already answered is not skipped over (its answers would be lost); skipping again changes nothing.
 */
export async function skipMeasure(
  deps: AppDeps,
  partner: Caller,
  input: z.output<typeof skipMeasureInputSchema>,
): Promise<{ ok: true }> {
  const now = deps.now();
  await onceMore(() =>
    inTransaction(deps.db, async (trx) => {
      const { assignment, version } = await answerableOrRefuse(trx, partner, input.assignmentId, input.period, now);
      const earlier = await findAnswer(trx, assignment.id, partner.id, input.period);
      if (earlier?.skipped) return;
      if (earlier) {
        throw new Conflict('You have already answered this period. Change your answers instead of skipping it.');
      }
      await insertAnswer(trx, randomUUID(), {
        assignmentId: assignment.id,
        userId: partner.id,
        period: input.period,
        versionId: version.id,
        answers: null,
        score: null,
        nowIso: now.toISOString(),
      });
    }),
  );
  return { ok: true };
}

/**
 * Every open period of every schedule running for the caller's couple under a coach they still consent to, with the
 * current items and the caller's own answer so far. Own answers come back only when given on the current version:
 * after the coach changed the items, they would not fit the form.
 */
export async function listDueMeasures(deps: AppDeps, partner: Caller): Promise<DueMeasureDto[]> {
  if (partner.coupleId === null) return [];
  const now = deps.now();
  const assignments = await listLiveAssignmentsOfCouple(deps.db, partner.coupleId);
  if (assignments.length === 0) return [];
  const open = new Map(assignments.map((a) => [a.id, openPeriods(a, now)]));
  const own = await listOwnAnswers(
    deps.db,
    partner.id,
    assignments.map((a) => a.id),
    [...new Set([...open.values()].flat())],
  );
  const due: DueMeasureDto[] = [];
  const createdAt = new Map(assignments.map((a) => [a.id, a.createdAt]));
  for (const assignment of assignments) {
    const periods = open.get(assignment.id) ?? [];
    if (periods.length === 0) continue;
    const version = await findVersion(deps.db, assignment.measureId, assignment.currentVersion);
    if (!version || version.items.length === 0) continue;
    for (const period of periods) {
      const answer = own.find((a) => a.assignmentId === assignment.id && a.period === period);
      const status: MeasureAnswerStatus = !answer ? 'open' : answer.skipped ? 'skipped' : 'answered';
      const current = answer && !answer.skipped && answer.versionId === version.id;
      due.push({
        assignmentId: assignment.id,
        period,
        periodEndWeek: periodEndWeek(assignment, period),
        everyWeeks: assignment.everyWeeks,
        visibleToCouple: assignment.visibleToCouple,
        coachName: assignment.coachName,
        measure: {
          measureId: assignment.measureId,
          version: version.version,
          name: version.name,
          instructions: version.instructions,
          items: version.items,
        },
        status,
        answers: current ? answer.answers : null,
        score: assignment.visibleToCouple && answer && !answer.skipped ? answer.score : null,
        updatedAt: answer?.updatedAt ?? null,
      });
    }
  }
  // Oldest schedule first; schedules made in the same instant by name, so the page keeps one order.
  return due.sort(
    (x, y) =>
      (createdAt.get(x.assignmentId) ?? '').localeCompare(createdAt.get(y.assignmentId) ?? '') ||
      x.measure.name.localeCompare(y.measure.name) ||
      x.assignmentId.localeCompare(y.assignmentId) ||
      x.period.localeCompare(y.period),
  );
}
