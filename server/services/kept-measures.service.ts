import type { KeptMeasureDto } from '#shared/schemas/kept-measure.schema';
import { scoreRange } from '#shared/domain/measure-scoring';
import { checkpointAfterErase } from '#server/db/erase';
import type { AppDeps } from '#server/deps';
import { NotFound } from '#server/errors';
import { deleteKeptMeasure, listKeptMeasures } from '#server/repositories/restored-measures.repository';
import type { Caller } from './caller';

// The answers a partner kept (restored from an export, or kept when they left a couple) are theirs to read and to
// delete, as their check-ins are: a page lists them, and deleting one erases it from the database file at once.

export async function listKept(deps: AppDeps, caller: Caller): Promise<KeptMeasureDto[]> {
  const rows = await listKeptMeasures(deps.db, caller.id);
  return rows.map((row) => ({ ...row, scoreRange: scoreRange(row) }));
}

/**
 * Deletes one kept measure with its answers. A second call for the same one (a retry whose first answer was lost)
 * finds nothing and says so, as does an id that is not the caller's: which of the two it was is not told.
 */
export async function deleteKept(deps: AppDeps, caller: Caller, measureId: string): Promise<{ ok: true }> {
  if (!(await deleteKeptMeasure(deps.db, caller.id, measureId))) {
    throw new NotFound('Those kept answers are not there any more.');
  }
  await checkpointAfterErase(deps.db);
  return { ok: true };
}
