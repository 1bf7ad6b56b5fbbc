import * as z from 'zod/mini';

/**
 * A key the client makes once for each draft of a new item (a reflection, a coach note), so that sending the same
 * draft again (a double click, a retry after an answer that never arrived) keeps one item instead of making two. A
 * UUID from `crypto.randomUUID()` fits; any 8 to 64 letters, digits, `-` or `_` are accepted. It is unique per
 * author only: the same key from someone else names their own draft.
 */
export const draftKeySchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'A draft key is 8 to 64 letters, digits, "-" or "_" (a UUID, say).'));
