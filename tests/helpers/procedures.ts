import { appRouter } from '#server/trpc/router';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
}

/**
 * Every procedure of the router, read from the router itself rather than listed by hand: a procedure added later is
 * covered by every test that loops over this list.
 */
export function allProcedures(): ProcedureInfo[] {
  // At run time the record is flat, keyed by dotted path, whatever its declared type says.
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo['type'] } }>;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({ path, type: procedure._def.type }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export const queryPaths = () =>
  allProcedures()
    .filter((p) => p.type === 'query')
    .map((p) => p.path);
export const mutationPaths = () =>
  allProcedures()
    .filter((p) => p.type === 'mutation')
    .map((p) => p.path);
