import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type {
  createMeasureInputSchema,
  MeasureDefinition,
  MeasureDto,
  updateMeasureInputSchema,
} from '#shared/schemas/measure.schema';
import { checkpointAfterErase } from '#server/db/erase';
import { inTransaction, isUniqueViolation } from '#server/db/dialect';
import type { AppDeps } from '#server/deps';
import { Conflict } from '#server/errors';
import {
  answeredMeasureIds,
  measureHasAnswers,
  versionHasAnswers,
} from '#server/repositories/measure-answers.repository';
import {
  countActiveAssignmentsByMeasure,
  endAssignmentsOfMeasure,
} from '#server/repositories/measure-assignments.repository';
import {
  archiveMeasureRow,
  deleteMeasureRow,
  findMeasureIdByDraftKey,
  findOwnMeasure,
  findVersion,
  insertMeasure,
  insertVersion,
  itemsJson,
  listCoachMeasures,
  replaceVersionDefinition,
  setCurrentVersion,
} from '#server/repositories/measures.repository';
import type { Caller } from './caller';
import { archivedMeasure, noSuchMeasure } from './measure-ownership';
import { writeWithinTextCeiling } from './storage-quota.service';

// A coach's own measures: defining, editing (a new version once answered), archiving, deleting and listing them.
// Every lookup names the calling coach, so another coach's measure reads exactly like one that does not exist.
// The schedules, answers and results live in the measure-*.service files; the router reaches them all from here.

export { assignMeasure, listCoupleAssignments, unassignMeasure } from './measure-assignment.service';
export { answerMeasure, listDueMeasures, skipMeasure } from './measure-answer.service';
export { readMeasureResults } from './measure-results.service';

type DefinitionInput = Omit<z.output<typeof createMeasureInputSchema>, 'draftKey'>;

/** The definition as stored: empty optional text is none, a missing flag is false. */
function definitionOf(input: DefinitionInput): MeasureDefinition {
  const text = (value: string | null | undefined) => (value ? value : null);
  return {
    name: input.name,
    instructions: text(input.instructions),
    items: input.items.map((item) => ({
      text: item.text,
      min: item.min,
      max: item.max,
      minLabel: item.minLabel,
      maxLabel: item.maxLabel,
      reverse: item.reverse ?? false,
    })),
    scoring: input.scoring,
    cutoff: input.cutoff ? { value: input.cutoff.value, direction: input.cutoff.direction } : null,
    reliableChange: input.reliableChange ?? null,
    source: text(input.source),
  };
}

function sameDefinition(a: MeasureDefinition, b: MeasureDefinition): boolean {
  const canonical = (d: MeasureDefinition) =>
    JSON.stringify([d.name, d.instructions, itemsJson(d.items), d.scoring, d.cutoff, d.reliableChange, d.source]);
  return canonical(a) === canonical(b);
}

/**
 * A new measure at version 1; or, when the coach already created one from this draft (the same `draftKey`: a double
 * click, a retry after an answer that never arrived), that one again, unchanged.
 */
export async function createMeasure(
  deps: AppDeps,
  coach: Caller,
  input: z.output<typeof createMeasureInputSchema>,
): Promise<{ measureId: string }> {
  const draftKey = input.draftKey ?? null;
  // A coach's measures count toward the text their account may keep: without a ceiling, drafts could fill the disk.
  const create = () =>
    writeWithinTextCeiling(deps.db, coach.id, async (trx) => {
      if (draftKey !== null) {
        const earlier = await findMeasureIdByDraftKey(trx, coach.id, draftKey);
        if (earlier !== null) return { measureId: earlier };
      }
      const measureId = randomUUID();
      const nowIso = deps.now().toISOString();
      await insertMeasure(trx, { id: measureId, coachId: coach.id, draftKey, nowIso });
      await insertVersion(trx, { id: randomUUID(), measureId, version: 1, definition: definitionOf(input), nowIso });
      return { measureId };
    });
  try {
    return await create();
  } catch (error) {
    // Another request stored the same draft between our look and our write: this time the look finds it.
    if (draftKey !== null && isUniqueViolation(error)) return create();
    throw error;
  }
}

/**
 * Edits the current version in place while nobody has answered it; once someone has, the edit becomes the next
 * version, so past scores keep the items they were answered with. The same definition again changes nothing.
 */
export async function updateMeasure(
  deps: AppDeps,
  coach: Caller,
  input: z.output<typeof updateMeasureInputSchema>,
): Promise<{ measureId: string; version: number }> {
  const definition = definitionOf(input);
  let editedInPlace = false;
  const result = await writeWithinTextCeiling(deps.db, coach.id, async (trx) => {
    editedInPlace = false;
    const measure = await findOwnMeasure(trx, input.measureId, coach.id);
    if (!measure) throw noSuchMeasure();
    if (measure.archivedAt !== null) throw archivedMeasure();
    const current = await findVersion(trx, measure.id, measure.currentVersion);
    if (!current) throw noSuchMeasure();
    if (sameDefinition(current, definition)) return { measureId: measure.id, version: current.version };
    const nowIso = deps.now().toISOString();
    if (await versionHasAnswers(trx, current.id)) {
      const version = current.version + 1;
      await insertVersion(trx, { id: randomUUID(), measureId: measure.id, version, definition, nowIso });
      await setCurrentVersion(trx, measure.id, version, nowIso);
      return { measureId: measure.id, version };
    }
    // Nobody answered it, so its row is rewritten; it still takes the next number, so a form opened before the edit
    // (and its answers) can tell it is out of date.
    const version = current.version + 1;
    await replaceVersionDefinition(trx, current.id, definition, version);
    await setCurrentVersion(trx, measure.id, version, nowIso);
    editedInPlace = true;
    return { measureId: measure.id, version };
  });
  // The words replaced in place leave the disk too.
  if (editedInPlace) await checkpointAfterErase(deps.db);
  return result;
}

/** Archives the measure and stops its schedules; archiving it again changes nothing. */
export async function archiveMeasure(deps: AppDeps, coach: Caller, measureId: string): Promise<{ ok: true }> {
  await inTransaction(deps.db, async (trx) => {
    const measure = await findOwnMeasure(trx, measureId, coach.id);
    if (!measure) throw noSuchMeasure();
    if (measure.archivedAt !== null) return;
    const nowIso = deps.now().toISOString();
    await archiveMeasureRow(trx, measureId, nowIso);
    await endAssignmentsOfMeasure(trx, measureId, nowIso);
  });
  return { ok: true };
}

/** Deletes a measure nobody has answered, with its versions and schedules; one with answers is archived instead. */
export async function deleteMeasure(deps: AppDeps, coach: Caller, measureId: string): Promise<{ ok: true }> {
  await inTransaction(deps.db, async (trx) => {
    const measure = await findOwnMeasure(trx, measureId, coach.id);
    if (!measure) throw noSuchMeasure();
    if (await measureHasAnswers(trx, measureId)) {
      throw new Conflict(
        'This measure has answers, so it cannot be deleted: they belong to the couples who gave them. Archive it instead.',
      );
    }
    await deleteMeasureRow(trx, measureId, coach.id);
  });
  await checkpointAfterErase(deps.db);
  return { ok: true };
}

/** The coach's own measures, newest first, each as its current version. */
export async function listMeasures(deps: AppDeps, coach: Caller): Promise<MeasureDto[]> {
  const [rows, answered, active] = await Promise.all([
    listCoachMeasures(deps.db, coach.id),
    answeredMeasureIds(deps.db, coach.id),
    countActiveAssignmentsByMeasure(deps.db, coach.id),
  ]);
  return rows.map(({ measure, current }) => ({
    measureId: measure.id,
    version: current.version,
    name: current.name,
    instructions: current.instructions,
    items: current.items,
    scoring: current.scoring,
    cutoff: current.cutoff,
    reliableChange: current.reliableChange,
    source: current.source,
    archivedAt: measure.archivedAt,
    createdAt: measure.createdAt,
    updatedAt: measure.updatedAt,
    hasAnswers: answered.has(measure.id),
    activeAssignments: active.get(measure.id) ?? 0,
  }));
}
