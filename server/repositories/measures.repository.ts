import * as z from 'zod/mini';
import {
  CUTOFF_DIRECTIONS,
  MEASURE_SCORINGS,
  measureItemSchema,
  type MeasureDefinition,
  type MeasureItem,
} from '#shared/schemas/measure.schema';
import type { DB } from '#server/db/database';
import type { MeasuresTable, MeasureVersionsTable } from '#server/db/tables';
import type { CamelRow } from '#server/db/rows';

// A coach's measures and their versions. Every lookup a coach makes names the coach too, so a measure is reachable
// only by the coach who made it. Definitions are stored as columns plus the items as JSON, checked again on the way
// out: a row that does not check out reads as a measure without items (nothing can be answered on it) rather than
// breaking the page.

const storedItemsSchema = z.array(measureItemSchema);

/** The items as stored, or none when the JSON does not check out. */
export function parseItems(json: string): MeasureItem[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = storedItemsSchema.safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.map((item) => ({
    text: item.text,
    min: item.min,
    max: item.max,
    minLabel: item.minLabel,
    maxLabel: item.maxLabel,
    reverse: item.reverse ?? false,
  }));
}

/** The items as stored: every field, `reverse` always present, so equal definitions store equal text. */
export function itemsJson(items: readonly (Omit<MeasureItem, 'reverse'> & { reverse?: boolean })[]): string {
  return JSON.stringify(
    items.map((i) => ({
      text: i.text,
      min: i.min,
      max: i.max,
      minLabel: i.minLabel,
      maxLabel: i.maxLabel,
      reverse: i.reverse === true,
    })),
  );
}

/**
 * Whether two versions ask the same: their instructions, items and scoring, compared as stored. The rest (name,
 * cut-off, reliable change, source) is how the coach reads the scores, so scores of both versions are one series.
 * The roster's query compares the same stored columns (`versionsAskingAsCurrent`).
 */
export function sameQuestions(
  a: Pick<MeasureDefinition, 'instructions' | 'items' | 'scoring'>,
  b: Pick<MeasureDefinition, 'instructions' | 'items' | 'scoring'>,
): boolean {
  return a.instructions === b.instructions && a.scoring === b.scoring && itemsJson(a.items) === itemsJson(b.items);
}

export type MeasureRow = CamelRow<
  Pick<MeasuresTable, 'id' | 'coach_id' | 'current_version' | 'archived_at' | 'created_at' | 'updated_at'>
>;

export interface MeasureVersionRow extends MeasureDefinition {
  id: string;
  measureId: string;
  version: number;
  createdAt: string;
}

const MEASURE_COLUMNS = [
  'measures.id as id',
  'measures.coach_id as coachId',
  'measures.current_version as currentVersion',
  'measures.archived_at as archivedAt',
  'measures.created_at as createdAt',
  'measures.updated_at as updatedAt',
] as const;

/** A version's definition, as every read of a version takes it. */
const DEFINITION_COLUMNS = [
  'measure_versions.version',
  'measure_versions.name',
  'measure_versions.instructions',
  'measure_versions.items',
  'measure_versions.scoring',
  'measure_versions.cutoff_value',
  'measure_versions.cutoff_direction',
  'measure_versions.reliable_change',
  'measure_versions.source',
] as const;

const VERSION_COLUMNS = [
  'measure_versions.id',
  'measure_versions.measure_id',
  ...DEFINITION_COLUMNS,
  'measure_versions.created_at',
] as const;

type StoredVersion = Pick<
  MeasureVersionsTable,
  | 'id'
  | 'measure_id'
  | 'version'
  | 'name'
  | 'instructions'
  | 'items'
  | 'scoring'
  | 'cutoff_value'
  | 'cutoff_direction'
  | 'reliable_change'
  | 'source'
  | 'created_at'
>;

/** Numbers as numbers whichever database answered (`double precision` is a JS number from both, but be sure). */
function numberOrNull(value: number | string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function toVersion(row: StoredVersion): MeasureVersionRow {
  const cutoffValue = numberOrNull(row.cutoff_value);
  const direction = CUTOFF_DIRECTIONS.find((d) => d === row.cutoff_direction);
  return {
    id: row.id,
    measureId: row.measure_id,
    version: Number(row.version),
    name: row.name,
    instructions: row.instructions,
    items: parseItems(row.items),
    scoring: MEASURE_SCORINGS.find((s) => s === row.scoring) ?? 'sum',
    cutoff: cutoffValue !== null && direction !== undefined ? { value: cutoffValue, direction } : null,
    reliableChange: numberOrNull(row.reliable_change),
    source: row.source,
    createdAt: row.created_at,
  };
}

function toMeasure(row: MeasureRow): MeasureRow {
  return { ...row, currentVersion: Number(row.currentVersion) };
}

export async function insertMeasure(
  db: DB,
  measure: { id: string; coachId: string; draftKey: string | null; nowIso: string },
): Promise<void> {
  await db
    .insertInto('measures')
    .values({
      id: measure.id,
      coach_id: measure.coachId,
      current_version: 1,
      archived_at: null,
      created_at: measure.nowIso,
      updated_at: measure.nowIso,
      draft_key: measure.draftKey,
      restored_for: null,
    })
    .execute();
}

function versionValues(definition: MeasureDefinition) {
  return {
    name: definition.name,
    instructions: definition.instructions,
    items: itemsJson(definition.items),
    scoring: definition.scoring,
    cutoff_value: definition.cutoff?.value ?? null,
    cutoff_direction: definition.cutoff?.direction ?? null,
    reliable_change: definition.reliableChange,
    source: definition.source,
  };
}

export async function insertVersion(
  db: DB,
  version: { id: string; measureId: string; version: number; definition: MeasureDefinition; nowIso: string },
): Promise<void> {
  await db
    .insertInto('measure_versions')
    .values({
      id: version.id,
      measure_id: version.measureId,
      version: version.version,
      ...versionValues(version.definition),
      created_at: version.nowIso,
    })
    .execute();
}

/** Changes a version nobody has answered: only the service decides that it may. */
export async function replaceVersionDefinition(
  db: DB,
  versionId: string,
  definition: MeasureDefinition,
  version: number,
) {
  await db
    .updateTable('measure_versions')
    .set({ ...versionValues(definition), version })
    .where('id', '=', versionId)
    .execute();
}

export async function findMeasureIdByDraftKey(db: DB, coachId: string, draftKey: string): Promise<string | null> {
  const row = await db
    .selectFrom('measures')
    .select('id')
    .where('coach_id', '=', coachId)
    .where('draft_key', '=', draftKey)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The coach's own measure, or null (none, or someone else's: the caller cannot tell which). */
export async function findOwnMeasure(db: DB, measureId: string, coachId: string): Promise<MeasureRow | null> {
  const row = await db
    .selectFrom('measures')
    .select(MEASURE_COLUMNS)
    .where('measures.id', '=', measureId)
    .where('measures.coach_id', '=', coachId)
    .executeTakeFirst();
  return row ? toMeasure(row) : null;
}

export async function findMeasure(db: DB, measureId: string): Promise<MeasureRow | null> {
  const row = await db
    .selectFrom('measures')
    .select(MEASURE_COLUMNS)
    .where('measures.id', '=', measureId)
    .executeTakeFirst();
  return row ? toMeasure(row) : null;
}

export async function findVersion(db: DB, measureId: string, version: number): Promise<MeasureVersionRow | null> {
  const row = await db
    .selectFrom('measure_versions')
    .select(VERSION_COLUMNS)
    .where('measure_id', '=', measureId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Every version of the measure, oldest first. */
export async function listVersions(db: DB, measureId: string): Promise<MeasureVersionRow[]> {
  const rows = await db
    .selectFrom('measure_versions')
    .select(VERSION_COLUMNS)
    .where('measure_id', '=', measureId)
    .orderBy('version')
    .execute();
  return rows.map(toVersion);
}

export async function setCurrentVersion(db: DB, measureId: string, version: number, nowIso: string): Promise<void> {
  await db
    .updateTable('measures')
    .set({ current_version: version, updated_at: nowIso })
    .where('id', '=', measureId)
    .execute();
}

/** Archives the measure once: archiving it again keeps the first time. */
export async function archiveMeasureRow(db: DB, measureId: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('measures')
    .set({ archived_at: nowIso, updated_at: nowIso })
    .where('id', '=', measureId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Its versions and assignments go with it (foreign keys cascade); the service refuses one that has answers. */
export async function deleteMeasureRow(db: DB, measureId: string, coachId: string): Promise<void> {
  await db.deleteFrom('measures').where('id', '=', measureId).where('coach_id', '=', coachId).execute();
}

export interface CoachMeasureRow {
  measure: MeasureRow;
  current: MeasureVersionRow;
}

/** The coach's own measures (never one restored for a partner: those have no coach), newest first. */
export async function listCoachMeasures(db: DB, coachId: string): Promise<CoachMeasureRow[]> {
  const rows = await db
    .selectFrom('measures')
    .innerJoin('measure_versions', (join) =>
      join
        .onRef('measure_versions.measure_id', '=', 'measures.id')
        .onRef('measure_versions.version', '=', 'measures.current_version'),
    )
    .select([
      ...MEASURE_COLUMNS,
      // The version's own id and creation under names of their own: the measure's take `id` and `createdAt`.
      'measure_versions.id as version_id',
      'measure_versions.created_at as version_created_at',
      ...DEFINITION_COLUMNS,
    ])
    .where('measures.coach_id', '=', coachId)
    .orderBy('measures.created_at', 'desc')
    .orderBy('measures.id', 'desc')
    .execute();
  return rows.map((row) => ({
    measure: toMeasure({
      id: row.id,
      coachId: row.coachId,
      currentVersion: row.currentVersion,
      archivedAt: row.archivedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }),
    current: toVersion({ ...row, id: row.version_id, measure_id: row.id, created_at: row.version_created_at }),
  }));
}
