import type { TRPCError } from '@trpc/server';
import { TooMany } from '#server/errors';

/**
 * tRPC's `responseMeta`: a call refused with TooMany tells the client when to come back (`Retry-After`). In a batch,
 * the longest wait any refused call asks for.
 */
export function retryAfterMeta({ errors }: { errors: TRPCError[] }): { headers?: Record<string, string> } {
  const seconds = Math.max(
    0,
    ...errors.map((error) => (error.cause instanceof TooMany ? error.cause.retryAfterSeconds : 0)),
  );
  return seconds > 0 ? { headers: { 'retry-after': String(seconds) } } : {};
}
