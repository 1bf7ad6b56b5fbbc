import type { Selectable } from 'kysely';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import type { ReflectionVisibility } from '#shared/schemas/reflection.schema';
import type { DB } from '#server/db/database';
import type { ReflectionsTable, UsersTable } from '#server/db/tables';

type StoredReflection = Selectable<ReflectionsTable>;

/** A reflection as stored, with its author's name. */
export interface ReflectionRow {
  id: StoredReflection['id'];
  userId: StoredReflection['user_id'];
  authorName: UsersTable['display_name'];
  /** A known practice: a row whose stored practice is not one is never handed out (see `knownPractice`). */
  practiceId: PracticeId;
  body: StoredReflection['body'];
  visibility: StoredReflection['visibility'];
  createdAt: StoredReflection['created_at'];
  updatedAt: StoredReflection['updated_at'];
  /** When the author last shared it; null while shared with nobody (see `shared_at`). */
  sharedAt: StoredReflection['shared_at'];
}

function reflectionQuery(db: DB) {
  return db
    .selectFrom('reflections')
    .innerJoin('users', 'users.id', 'reflections.user_id')
    .select([
      'reflections.id',
      'reflections.user_id as userId',
      'users.display_name as authorName',
      'reflections.practice_id as practiceId',
      'reflections.body',
      'reflections.visibility',
      'reflections.created_at as createdAt',
      'reflections.updated_at as updatedAt',
      'reflections.shared_at as sharedAt',
    ]);
}

type StoredRow = Awaited<ReturnType<ReturnType<typeof reflectionQuery>['execute']>>[number];

/** A hand-edited row with an unknown practice is left out rather than shown. */
function knownPractice(rows: StoredRow[]): ReflectionRow[] {
  return rows.flatMap((row) => (isPracticeId(row.practiceId) ? [{ ...row, practiceId: row.practiceId }] : []));
}

/** Which of one author's reflections a reader may see: these visibilities, shared at `sharedSince` or later when given. */
export interface ReadableReflections {
  userId: string;
  visibilities: readonly ReflectionVisibility[];
  /** Null only for the author's own: anyone else reads only what was shared with the couple as it is now. */
  sharedSince: string | null;
}

/**
 * Reflections of the given authors, newest first, limited to what the reader may see (see `ReadableReflections`).
 * One query whatever the number of authors.
 */
export async function listReflections(
  db: DB,
  readable: ReadableReflections[],
  practiceId: PracticeId | undefined,
): Promise<ReflectionRow[]> {
  const wanted = readable.filter((r) => r.visibilities.length > 0);
  if (wanted.length === 0) return [];
  let query = reflectionQuery(db).where((eb) =>
    eb.or(
      wanted.map((r) =>
        eb.and([
          eb('reflections.user_id', '=', r.userId),
          eb('reflections.visibility', 'in', [...r.visibilities]),
          // A null shared_at (shared with nobody) never passes.
          ...(r.sharedSince === null ? [] : [eb('reflections.shared_at', '>=', r.sharedSince)]),
        ]),
      ),
    ),
  );
  if (practiceId) query = query.where('reflections.practice_id', '=', practiceId);
  return knownPractice(
    await query.orderBy('reflections.created_at', 'desc').orderBy('reflections.id', 'desc').execute(),
  );
}

/** The author's own reflection, or null: someone else's reads exactly like one that does not exist. */
export async function findOwnReflection(db: DB, userId: string, id: string): Promise<ReflectionRow | null> {
  const rows = await reflectionQuery(db)
    .where('reflections.id', '=', id)
    .where('reflections.user_id', '=', userId)
    .execute();
  return knownPractice(rows)[0] ?? null;
}

/** A reflection found by the key of the draft it was written in, with its practice as stored (known or not). */
export interface DraftReflectionRow {
  id: StoredReflection['id'];
  practiceId: StoredReflection['practice_id'];
  body: StoredReflection['body'];
  visibility: StoredReflection['visibility'];
  sharedAt: StoredReflection['shared_at'];
  createdAt: StoredReflection['created_at'];
  updatedAt: StoredReflection['updated_at'];
}

/** The author's reflection written from this draft, or null. Only the author's own: keys are unique per author. */
export async function findOwnReflectionByDraftKey(
  db: DB,
  userId: string,
  draftKey: string,
): Promise<DraftReflectionRow | null> {
  const row = await db
    .selectFrom('reflections')
    .select([
      'id',
      'practice_id as practiceId',
      'body',
      'visibility',
      'shared_at as sharedAt',
      'created_at as createdAt',
      'updated_at as updatedAt',
    ])
    .where('user_id', '=', userId)
    .where('draft_key', '=', draftKey)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertReflection(
  db: DB,
  r: {
    id: string;
    userId: string;
    practiceId: PracticeId;
    body: string;
    visibility: ReflectionVisibility;
    nowIso: string;
    draftKey?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('reflections')
    .values({
      id: r.id,
      user_id: r.userId,
      practice_id: r.practiceId,
      body: r.body,
      visibility: r.visibility,
      created_at: r.nowIso,
      updated_at: r.nowIso,
      shared_at: r.visibility === 'private' ? null : r.nowIso,
      draft_key: r.draftKey ?? null,
    })
    .execute();
}

/** Updates the author's own reflection; answers whether there was one to update. */
export async function updateOwnReflection(
  db: DB,
  userId: string,
  id: string,
  changes: { body?: string; visibility?: ReflectionVisibility; sharedAt?: string | null; nowIso: string },
): Promise<boolean> {
  const result = await db
    .updateTable('reflections')
    .set({
      ...(changes.body !== undefined ? { body: changes.body } : {}),
      ...(changes.visibility !== undefined ? { visibility: changes.visibility } : {}),
      ...(changes.sharedAt !== undefined ? { shared_at: changes.sharedAt } : {}),
      // "Edited" means the words changed; sharing or unsharing is not an edit.
      ...(changes.body !== undefined ? { updated_at: changes.nowIso } : {}),
    })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteOwnReflection(db: DB, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('reflections')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
