import type { Week } from '#shared/week';

// Answers picked but not saved yet, kept in memory only (never on the device's storage): saving the ten practices
// takes the person to the dashboard, and coming back to the check-in page must not lose a half-answered measure.
// A reload forgets them, and so does another person signing in on this tab (only the reader's own are kept).

const drafts = new Map<string, string[]>();
const keyOf = (userId: string, assignmentId: string, period: Week) => `${userId}\n${assignmentId}\n${period}`;

export function readDraft(userId: string, assignmentId: string, period: Week): string[] | null {
  for (const key of drafts.keys()) if (!key.startsWith(`${userId}\n`)) drafts.delete(key);
  return drafts.get(keyOf(userId, assignmentId, period)) ?? null;
}

export function keepDraft(userId: string, assignmentId: string, period: Week, texts: string[]): void {
  drafts.set(keyOf(userId, assignmentId, period), texts);
}

export function forgetDraft(userId: string, assignmentId: string, period: Week): void {
  drafts.delete(keyOf(userId, assignmentId, period));
}
