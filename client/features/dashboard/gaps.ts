import type { SideBySideRow } from '#shared/schemas/dashboard.schema';

/** However many practices are far apart, the cards lead with this many: a place to start, not a list of problems. */
export const LEAD_GAPS = 2;

/**
 * The practices whose latest self-ratings are far enough apart to talk about (see `CONVERSATION_GAP`), the largest
 * difference first; equal ones keep the catalogue's order.
 */
export function gapsToTalkAbout(rows: readonly SideBySideRow[]): SideBySideRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.worthAConversation)
    .sort((a, b) => (b.row.difference ?? 0) - (a.row.difference ?? 0) || a.index - b.index)
    .map(({ row }) => row);
}
