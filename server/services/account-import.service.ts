import { inTransaction } from '#server/db/dialect';
import { randomUUID } from 'node:crypto';
import type {
  AccountExport,
  ExportBody,
  ExportedAssessment,
  ExportedMeasureAnswers,
  ExportedReflection,
  ImportResultDto,
} from '#shared/schemas/account-export.schema';
import { answersProblem, scoreAnswers } from '#shared/domain/measure-scoring';
import { canonicalTimeZone, type ReminderSettings } from '#shared/schemas/reminder.schema';
import { compareWeeks, latestOpenWeek, type Week } from '#shared/week';
import { consumeOrRefuse, giveBack } from '#server/auth/rate-limits';
import { checkpointAfterErase } from '#server/db/erase';
import { equalRatings } from '#server/db/ratings-encoding';
import type { AppDeps } from '#server/deps';
import { Forbidden, Invalid } from '#server/errors';
import {
  insertImportedReflections,
  listStoredReflections,
  listStoredWeeks,
  writeImportedWeeks,
  type ImportedReflection,
  type ImportedWeek,
  type StoredReflectionRow,
  type StoredWeekRow,
} from '#server/repositories/account-import.repository';
import {
  listOwnMeasureAnswers,
  type AnsweredVersion,
  type OwnMeasureAnswerRow,
} from '#server/repositories/measure-data.repository';
import { insertRestoredAnswers, type RestoredAnswer } from '#server/repositories/restored-measures.repository';
import { findSavedReminderSettings, writeReminderSettings } from '#server/repositories/reminders.repository';
import { exportDigest } from './account-export.service';
import { checkedReminderSettings, sameReminderSettings } from './reminder.service';
import type { Caller } from './caller';
import { betterAnswer, restoredVersions, versionKey, versionTextBytes } from './restored-measures.service';
import { ensureRoomForText, textBytes } from './storage-quota.service';

const refuse = (message: string) => new Invalid(`Nothing was imported. ${message}`);

/**
 * Before the file is even read: a demo account cannot import (it is anyone's, made without an account, and gone
 * in a day), and every call spends one of the account's import attempts, a refused file included.
 */
export async function admitImport(deps: AppDeps, caller: Caller): Promise<void> {
  if (caller.isDemo === 1) {
    throw new Forbidden(
      'A demo account cannot import: it is a sample that is deleted after a day. Sign up for an account of your own to restore an export.',
    );
  }
  await consumeOrRefuse(
    deps.limits.importAttemptsPerAccount,
    caller.id,
    'Too many import attempts from this account in the last hour. Try again later.',
  );
}

/**
 * Compares the checksum with the file exactly as it arrived (already checked to have the export's shape), before
 * any trimming by the schemas. It catches accidental damage only: anyone can recompute it, so it never makes a
 * file trusted.
 */
export function verifyChecksum(raw: unknown): void {
  const { integrity, ...body } = raw as Record<string, unknown>;
  if (exportDigest(body) !== integrity) {
    throw refuse(
      'This file is damaged: its checksum, which guards against accidental damage such as a download cut short, does not match its contents. Export again from the original account and import that file unchanged.',
    );
  }
}

/**
 * Restores an export into the caller's account, whoever the file names, all or nothing: the person's check-ins (a
 * week they already logged is replaced) and reflections (one with the same practice and words is already there).
 * Everything is judged as the live procedures judge it, every time stored is the server's, and importing the same
 * file again changes nothing. The account itself (email, name, password) stays the caller's. Focuses, coach notes
 * and coach focuses belong to a couple, which an import does not recreate: they stay in the file as a record (see
 * docs/decisions.md). Measure answers come back under restored measures of the caller's own (no coach, no
 * assignment), each answer judged against its items and scored again here.
 */
export async function importAccount(deps: AppDeps, caller: Caller, file: AccountExport): Promise<ImportResultDto> {
  const body: ExportBody = file;
  const now = deps.now();
  refuseFutureTimes(body, now);
  const latest = latestOpenWeek(now);
  const weeks = new Set<Week>();
  for (const a of body.assessments) {
    if (compareWeeks(a.week, latest) > 0)
      throw refuse(`The check-in for ${a.week} is for a week that has not started yet.`);
    if (weeks.has(a.week)) throw refuse(`The file holds two check-ins for ${a.week}.`);
    weeks.add(a.week);
  }
  const measureAnswers = checkMeasureAnswers(body.measureAnswers ?? [], latest);
  // A zone this server does not know leaves the account's own settings as they are; the rest of the settings are still
  // judged, so a file that is wrong is refused whatever its zone.
  const unknownTimeZone =
    body.reminders && canonicalTimeZone(body.reminders.timeZone) === null ? body.reminders.timeZone : null;
  const checked = body.reminders
    ? checkReminders(caller, unknownTimeZone === null ? body.reminders : { ...body.reminders, timeZone: 'UTC' })
    : null;
  const reminders = unknownTimeZone === null ? checked : null;

  await consumeOrRefuse(
    deps.limits.importsPerAccount,
    caller.id,
    'This account has already imported as many files as it may in an hour. Try again later.',
  );
  const nowIso = now.toISOString();
  let written: { result: ImportResultDto; replacedNotes: boolean };
  try {
    written = await inTransaction(deps.db, async (trx) => {
      const checkIns = planWeeks(body.assessments, await listStoredWeeks(trx, caller.id), nowIso);
      const reflections = planReflections(body.reflections, await listStoredReflections(trx, caller.id));
      const versions = await restoredVersions(trx, caller.id, nowIso);
      const measures = planMeasureAnswers(measureAnswers, await listOwnMeasureAnswers(trx, caller.id), versions.has);
      await ensureRoomForText(
        trx,
        caller.id,
        checkIns.growth + reflections.growth + measures.growth,
        'Nothing was imported',
      );
      await writeImportedWeeks(trx, caller.id, checkIns.rows, nowIso);
      await insertImportedReflections(trx, caller.id, reflections.rows, nowIso);
      const answers: RestoredAnswer[] = [];
      for (const { version, rows } of measures.groups) {
        const versionId = await versions.idFor(version);
        answers.push(...rows.map((row) => ({ ...row, versionId })));
      }
      await insertRestoredAnswers(trx, caller.id, answers, nowIso);
      // The file's settings replace the stored ones, as `reminder.set` does; the same settings are left untouched.
      if (reminders && !sameReminderSettings(reminders, await findSavedReminderSettings(trx, caller.id)))
        await writeReminderSettings(trx, caller.id, reminders, nowIso);
      return {
        result: {
          imported: body.assessments.length,
          reflections: reflections.distinct,
          ...(unknownTimeZone === null ? {} : { unknownTimeZone }),
        },
        replacedNotes: checkIns.replacedNotes,
      };
    });
  } catch (error) {
    // Only an import that wrote spends one of the few an hour; the attempt itself stays counted.
    await giveBack(deps.limits.importsPerAccount, caller.id);
    throw error;
  }
  if (written.replacedNotes) await checkpointAfterErase(deps.db);
  return written.result;
}

/**
 * An export only holds times that have passed. None of a file's times is stored where a rule reads it, but one
 * after now by this server's clock marks a file that no server made, and the times kept as information must never
 * claim the future.
 */
function refuseFutureTimes(body: ExportBody, now: Date): void {
  const times = [
    body.exportedAt,
    body.user.createdAt,
    body.couple?.joinedAt,
    ...body.assessments.flatMap((a) => [a.createdAt, a.updatedAt]),
    ...body.reflections.flatMap((r) => [r.createdAt, r.updatedAt]),
    ...body.focuses.flatMap((f) => [f.adoptedAt, f.endedAt]),
    ...body.coachNotes.flatMap((n) => [n.createdAt, n.updatedAt]),
    ...body.coachFocuses.map((f) => f.assignedAt),
    ...(body.measureAnswers ?? []).flatMap((m) => m.answers.flatMap((a) => [a.createdAt, a.updatedAt])),
    ...(body.coachMeasures ?? []).flatMap((m) => [
      m.createdAt,
      m.updatedAt,
      m.archivedAt,
      ...m.versions.map((v) => v.createdAt),
      ...m.assignments.flatMap((s) => [s.createdAt, s.endedAt]),
    ]),
  ];
  const nowMs = now.getTime();
  const future = times.find((time) => time != null && Date.parse(time) > nowMs);
  if (future)
    throw refuse(
      `The file gives ${future} as a time, which is later than now on this server: an export only holds times that have passed.`,
    );
}

/**
 * Which weeks to write and how much text they add. A week stored with the same ratings and note is left untouched,
 * its times included. Otherwise the file's version replaces it, and if the ratings differ they changed now, as for a
 * resubmission, so the late-change mark stays whatever the file says.
 */
function planWeeks(items: readonly ExportedAssessment[], storedRows: readonly StoredWeekRow[], nowIso: string) {
  const stored = new Map(storedRows.map((row) => [row.week, row]));
  const rows: ImportedWeek[] = [];
  let growth = 0;
  let replacedNotes = false;
  for (const item of items) {
    const note = item.note || null;
    const existing = stored.get(item.week);
    const sameRatings = existing !== undefined && equalRatings(existing.ratings, item.ratings);
    if (sameRatings && existing.note === note) continue;
    growth += textBytes(note) - textBytes(existing?.note);
    if (existing?.note != null && existing.note !== note) replacedNotes = true;
    rows.push({
      id: randomUUID(),
      week: item.week,
      ratings: item.ratings,
      note,
      importedCreatedAt: item.createdAt,
      ratingsChangedAt: sameRatings ? existing.ratingsChangedAt : nowIso,
    });
  }
  return { rows, growth, replacedNotes };
}

/**
 * Which reflections to add. A reflection is known by its practice and its words: one already stored (or met earlier
 * in the file) is left as it is, its sharing included, whatever times the file gives it. So importing twice, or a
 * file with its times edited, never doubles anything, and a file cannot widen the sharing of a reflection its author
 * has narrowed since.
 */
function planReflections(items: readonly ExportedReflection[], stored: readonly StoredReflectionRow[]) {
  const key = (practiceId: string, body: string) => JSON.stringify([practiceId, body]);
  const seen = new Set(stored.map((r) => key(r.practiceId, r.body)));
  const inFile = new Set<string>();
  const rows: ImportedReflection[] = [];
  let growth = 0;
  for (const item of items) {
    const k = key(item.practiceId, item.body);
    inFile.add(k);
    if (seen.has(k)) continue;
    seen.add(k);
    growth += textBytes(item.body);
    rows.push({
      id: randomUUID(),
      practiceId: item.practiceId,
      body: item.body,
      visibility: item.visibility,
      importedCreatedAt: item.createdAt,
    });
  }
  return { rows, growth, distinct: inFile.size };
}

/** The file's reminder settings, judged as `reminder.set` judges them for the importing account. */
function checkReminders(caller: Caller, settings: NonNullable<ExportBody['reminders']>): ReminderSettings {
  try {
    return checkedReminderSettings(caller.role, settings);
  } catch (error) {
    if (error instanceof Invalid) throw refuse(`The reminder settings cannot be kept (${error.message})`);
    throw error;
  }
}

interface CheckedAnswer {
  period: Week;
  answers: number[] | null;
  score: number | null;
  skipped: boolean;
  createdAt: string;
}

/**
 * Judges every answer as `measure.answer` and `measure.skip` would: a skip holds no answers; an answer has one whole
 * number per item, on that item's scale; its period has begun. The file's score is only what that server computed:
 * the score kept is computed here, from the answers and the items, as `measure.answer` computes it.
 */
function checkMeasureAnswers(groups: readonly ExportedMeasureAnswers[], latest: Week) {
  return groups.map((group) => {
    const version: AnsweredVersion = {
      name: group.name,
      instructions: group.instructions || null,
      scoring: group.scoring,
      items: group.items.map((item) => ({ ...item, reverse: item.reverse === true })),
    };
    const answers = group.answers.map((a): CheckedAnswer => {
      const where = `The answers to “${version.name}” for ${a.period}`;
      if (compareWeeks(a.period, latest) > 0) throw refuse(`${where} are for a period that has not started yet.`);
      if (a.skipped) {
        if (a.answers !== null || a.score !== null) throw refuse(`${where} are marked skipped, yet hold answers.`);
        return { period: a.period, answers: null, score: null, skipped: true, createdAt: a.createdAt };
      }
      if (a.answers === null) throw refuse(`${where} are missing: an answered period holds one answer per item.`);
      const problem = answersProblem(version.items, a.answers);
      if (problem) throw refuse(`${where} cannot be scored (${problem})`);
      const score = scoreAnswers(version, a.answers);
      return { period: a.period, answers: a.answers, score, skipped: false, createdAt: a.createdAt };
    });
    return { version, answers };
  });
}

/**
 * Which answers to add. An answer is known by the version's content, its period, whether it was skipped and its
 * answers: one the caller already has (answered live, or restored before) is left as it is, so importing twice, or
 * importing one's own export, adds nothing. A restored measure holds one answer per period, as a schedule does (see
 * `onePerPeriod`). The text that counts against the ceiling is that of the restored versions this import has to
 * create.
 */
function planMeasureAnswers(
  groups: readonly { version: AnsweredVersion; answers: CheckedAnswer[] }[],
  stored: readonly OwnMeasureAnswerRow[],
  hasRestored: (version: AnsweredVersion) => boolean,
) {
  const answerKey = (versionKeyText: string, a: { period: string; skipped: boolean; answers: number[] | null }) =>
    JSON.stringify([versionKeyText, a.period, a.skipped, a.answers]);
  // Many answers share a version: its key is made once.
  const keyOfVersion = new Map<string, string>();
  const seen = new Set(
    stored.map((row) => {
      let key = keyOfVersion.get(row.versionId);
      if (key === undefined) keyOfVersion.set(row.versionId, (key = versionKey(row.version)));
      return answerKey(key, row);
    }),
  );
  const periodKey = (versionKeyText: string, period: string) => JSON.stringify([versionKeyText, period]);
  const chosen = onePerPeriod(groups, periodKey);
  // Periods a restored measure already holds an answer or a skip for: what is stored stays.
  const held = new Set(
    stored.filter((row) => !row.scheduled).map((row) => periodKey(keyOfVersion.get(row.versionId)!, row.period)),
  );
  const out: { version: AnsweredVersion; rows: Omit<RestoredAnswer, 'versionId'>[] }[] = [];
  const created = new Set<string>();
  let growth = 0;
  for (const group of groups) {
    const key = versionKey(group.version);
    const rows: Omit<RestoredAnswer, 'versionId'>[] = [];
    for (const a of group.answers) {
      const period = periodKey(key, a.period);
      if (chosen.get(period) !== a) continue;
      const k = answerKey(key, a);
      if (seen.has(k) || held.has(period)) continue;
      seen.add(k);
      held.add(period);
      rows.push({
        id: randomUUID(),
        period: a.period,
        answers: a.answers,
        score: a.score,
        skipped: a.skipped,
        importedCreatedAt: a.createdAt,
      });
    }
    if (rows.length === 0) continue;
    if (!hasRestored(group.version) && !created.has(key)) {
      created.add(key);
      growth += versionTextBytes(group.version);
    }
    out.push({ version: group.version, rows });
  }
  return { groups: out, growth };
}

/**
 * The one answer of the file to restore for each version's content and period. An honest export can hold two, given
 * to two schedules of the same measure (one couple's, then another's); a hand-edited one, any number. An answer wins
 * over a skip, and the later given over the earlier (the file's time decides only which of its own answers the
 * caller keeps); on a tie, the first in the file.
 */
function onePerPeriod(
  groups: readonly { version: AnsweredVersion; answers: CheckedAnswer[] }[],
  periodKey: (versionKeyText: string, period: string) => string,
): Map<string, CheckedAnswer> {
  const chosen = new Map<string, CheckedAnswer>();
  for (const group of groups) {
    const key = versionKey(group.version);
    for (const a of group.answers) {
      const period = periodKey(key, a.period);
      const known = chosen.get(period);
      if (!known || betterAnswer(a, known)) chosen.set(period, a);
    }
  }
  return chosen;
}
