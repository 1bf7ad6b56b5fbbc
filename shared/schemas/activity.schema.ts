import * as z from 'zod/mini';
import { idSchema } from './common.schema';

/** What can change in a couple, as the feed tells it. Nothing here carries a rating, a note or a reflection. */
export const ACTIVITY_KINDS = [
  'joined',
  'checked-in',
  'changed-after-both-answered',
  'left',
  'coach-access-started',
  'coach-access-ended',
  'coach-focus-chosen',
  'coach-focus-changed',
  'coach-focus-cleared',
  'focus-adopted',
  'focus-cleared',
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function isActivityKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}

/** How many entries one page of the feed holds. */
export const ACTIVITY_PAGE_SIZE = 20;

const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9-]{1,64})$/;

/** A cursor names the last entry of the page before: its time and id, as `nextBefore` gave them. */
export interface ActivityCursor {
  at: string;
  id: string;
}

/** The time must be one that exists (2026-02-30 is refused), printed back exactly as written. */
export function parseActivityCursor(value: string): ActivityCursor | null {
  const match = CURSOR_PATTERN.exec(value);
  if (!match) return null;
  const [, at, id] = match as unknown as [string, string, string];
  const time = Date.parse(at);
  if (Number.isNaN(time) || new Date(time).toISOString() !== at) return null;
  return { at, id };
}

export function formatActivityCursor(cursor: ActivityCursor): string {
  return `${cursor.at}~${cursor.id}`;
}

const cursorSchema = z.string().check(
  z.maxLength(100, 'That page marker is not one the feed gave.'),
  z.refine((value) => parseActivityCursor(value) !== null, 'That page marker is not one the feed gave.'),
);

export const activityListInputSchema = z.optional(
  z.strictObject({ coupleId: z.optional(idSchema), before: z.optional(cursorSchema) }),
);

export interface ActivityItemDto {
  id: string;
  kind: ActivityKind;
  /** When it happened (ISO time). */
  at: string;
  /** One sentence for the reader: "you" for them, names for others; never a rating or anyone's words. */
  text: string;
}

export interface ActivityPageDto {
  /** Newest first, at most `ACTIVITY_PAGE_SIZE`. */
  items: ActivityItemDto[];
  /** Pass as `before` for the next, older page; null when there is none. */
  nextBefore: string | null;
}
