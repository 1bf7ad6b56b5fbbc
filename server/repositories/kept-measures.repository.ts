import type { MeasureScoring } from '#shared/schemas/measure.schema';
import type { Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { parseItems } from './measures.repository';

// A partner's kept measures: the "restored" measures of their own (no coach, no assignment, `restored_for` them),
// each holding one version and their answers to it. Every read and write here is scoped to `restored_for`, so an id
// someone else owns reads as nothing.

export interface KeptMeasureRow {
  measureId: string;
  name: string;
  instructions: string | null;
  scoring: MeasureScoring;
  items: ReturnType<typeof parseItems>;
  keptAt: string;
  answers: { period: Week; score: number | null; skipped: boolean }[];
}

/** The person's kept measures, the most recently first kept first (then by name), with their answers, oldest period first. */
export async function listKeptMeasures(db: DB, userId: string): Promise<KeptMeasureRow[]> {
  const [versions, answers] = await Promise.all([
    db
      .selectFrom('measures as m')
      .innerJoin('measure_versions as v', 'v.measure_id', 'm.id')
      .select(['m.id as measureId', 'v.id as versionId', 'v.name', 'v.instructions', 'v.scoring', 'v.items'])
      .select('m.created_at as keptAt')
      .where('m.restored_for', '=', userId)
      .orderBy('m.created_at', 'desc')
      .orderBy('v.name')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('measure_answers')
      .select(['version_id as versionId', 'period', 'score', 'skipped'])
      .where('user_id', '=', userId)
      .where('assignment_id', 'is', null)
      .orderBy('period')
      .execute(),
  ]);
  const byVersion = new Map<string, KeptMeasureRow['answers']>();
  for (const a of answers) {
    const list = byVersion.get(a.versionId) ?? [];
    list.push({
      period: a.period,
      score: a.score === null ? null : Number(a.score),
      skipped: Number(a.skipped) === 1,
    });
    byVersion.set(a.versionId, list);
  }
  return versions.map((v) => ({
    measureId: v.measureId,
    name: v.name,
    instructions: v.instructions,
    scoring: v.scoring,
    items: parseItems(v.items),
    keptAt: v.keptAt,
    answers: byVersion.get(v.versionId) ?? [],
  }));
}

/** Deletes one of the person's kept measures; its version and answers go with it (cascade). False when none. */
export async function deleteKeptMeasure(db: DB, userId: string, measureId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('measures')
    .where('id', '=', measureId)
    .where('restored_for', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
