import type { $ZodError } from 'zod/v4/core';

/** The first message per field of a failed parse: what a form shows beside each input. */
export function flattenFieldErrors(error: $ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}
