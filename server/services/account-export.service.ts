import { createHash } from 'node:crypto';
import { canonicalJson } from '#shared/domain/canonical-json';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type AccountExport,
  type ExportBody,
  type ExportedCoachMeasure,
  type ExportedMeasureAnswers,
} from '#shared/schemas/account-export.schema';
import type { PracticeId } from '#shared/practice-ids';
import {
  findMembership,
  listFocusesAdoptedBy,
  listOwnAssessments,
  listOwnCoachFocuses,
  listOwnCoachNotes,
  listOwnReflections,
} from '#server/repositories/account-data.repository';
import {
  listCoachMeasureData,
  listOwnMeasureAnswers,
  type OwnMeasureAnswerRow,
} from '#server/repositories/measure-data.repository';
import { findSavedReminderSettings } from '#server/repositories/reminders.repository';
import { parseRatings } from '#server/db/ratings-encoding';
import type { AppDeps } from '#server/deps';
import type { Caller } from './caller';

/**
 * `sha256-…` of the body's canonical JSON: a checksum that import recomputes to tell an intact file from one damaged
 * by accident. Anyone can compute it, so it is no proof of origin; any JSON value can be summed.
 */
export function exportDigest(body: unknown): string {
  return `sha256-${createHash('sha256').update(canonicalJson(body)).digest('base64url')}`;
}

/**
 * Everything the person wrote, and nothing anyone else did: their account (never the password hash), their place
 * in a couple, their check-ins with notes, reflections, the focuses they adopted, and a coach's own notes and
 * assigned focuses. The partner's data stays out, even where the person may see it in the app.
 *
 * Measures: a partner's own answers and skips, each group with the version they answered (its name, instructions,
 * scoring and item texts); a coach's own measures with every version and the schedules they set (couple ids only),
 * never a couple's answers, which are the couple's data.
 */
export async function buildExport(deps: AppDeps, caller: Caller): Promise<AccountExport> {
  const { db } = deps;
  const [
    membership,
    assessments,
    reflections,
    focuses,
    coachNotes,
    coachFocuses,
    measureAnswers,
    coachMeasures,
    reminders,
  ] = await Promise.all([
    findMembership(db, caller.id),
    listOwnAssessments(db, caller.id),
    listOwnReflections(db, caller.id),
    listFocusesAdoptedBy(db, caller.id),
    listOwnCoachNotes(db, caller.id),
    listOwnCoachFocuses(db, caller.id),
    listOwnMeasureAnswers(db, caller.id),
    caller.role === 'coach' ? exportCoachMeasures(deps, caller.id) : Promise.resolve([]),
    findSavedReminderSettings(db, caller.id),
  ]);
  const body: ExportBody = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: deps.now().toISOString(),
    user: {
      id: caller.id,
      email: caller.email,
      displayName: caller.displayName,
      role: caller.role,
      createdAt: caller.createdAt,
    },
    couple: membership ? { coupleId: membership.coupleId, joinedAt: membership.joinedAt } : null,
    assessments: assessments.map((a) => ({
      week: a.week,
      ratings: parseRatings(a.ratings),
      note: a.note,
      // A restored row was created at its import; the time its file gave is what the person knows it by.
      createdAt: a.importedCreatedAt ?? a.createdAt,
      updatedAt: a.updatedAt,
    })),
    reflections: reflections.map((r) => ({
      practiceId: r.practiceId as PracticeId,
      body: r.body,
      visibility: r.visibility,
      createdAt: r.importedCreatedAt ?? r.createdAt,
      updatedAt: r.updatedAt,
    })),
    focuses: focuses.map((f) => ({
      coupleId: f.coupleId,
      practiceId: f.practiceId as PracticeId,
      startWeek: f.startWeek,
      endWeek: f.endWeek,
      adoptedAt: f.adoptedAt,
      endedAt: f.endedAt,
    })),
    coachNotes: coachNotes.map((n) => ({
      coupleId: n.coupleId,
      body: n.body,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    })),
    coachFocuses: coachFocuses.map((f) => ({
      coupleId: f.coupleId,
      practiceId: f.practiceId as PracticeId,
      note: f.note,
      assignedAt: f.assignedAt,
    })),
    measureAnswers: groupAnswers(measureAnswers),
    coachMeasures,
    ...(reminders ? { reminders } : {}),
  };
  return { ...body, integrity: exportDigest(body) };
}

/** One entry per version answered, in the order the rows come (oldest version first, then by period). */
function groupAnswers(rows: readonly OwnMeasureAnswerRow[]): ExportedMeasureAnswers[] {
  const groups = new Map<string, ExportedMeasureAnswers>();
  for (const row of rows) {
    let group = groups.get(row.versionId);
    if (!group) {
      group = { ...row.version, answers: [] };
      groups.set(row.versionId, group);
    }
    group.answers.push({
      period: row.period,
      answers: row.answers,
      score: row.score,
      skipped: row.skipped,
      createdAt: row.importedCreatedAt ?? row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
  return [...groups.values()];
}

async function exportCoachMeasures(deps: AppDeps, coachId: string): Promise<ExportedCoachMeasure[]> {
  const { measures, versions, assignments } = await listCoachMeasureData(deps.db, coachId);
  return measures.map((m) => ({
    measureId: m.id,
    currentVersion: m.currentVersion,
    archivedAt: m.archivedAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    versions: versions
      .filter((v) => v.measureId === m.id)
      .map((v) => ({
        version: v.version,
        name: v.name,
        instructions: v.instructions,
        items: v.items,
        scoring: v.scoring,
        cutoff:
          v.cutoffValue !== null && v.cutoffDirection !== null
            ? { value: v.cutoffValue, direction: v.cutoffDirection }
            : null,
        reliableChange: v.reliableChange,
        source: v.source,
        createdAt: v.createdAt,
      })),
    assignments: assignments
      .filter((s) => s.measureId === m.id)
      .map((s) => ({
        coupleId: s.coupleId,
        everyWeeks: s.everyWeeks,
        startWeek: s.startWeek,
        visibleToCouple: s.visibleToCouple,
        createdAt: s.createdAt,
        endedAt: s.endedAt,
      })),
  }));
}
