import type { TRPCError } from '@trpc/server';
import { RetryAfter } from '../auth/rate-limits';

/**
 * tRPC's `responseMeta`: a call refused with a RetryAfter cause tells the client when to come back. In a batch, the
 * longest wait any refused call asks for.
 */
export function retryAfterMeta({ errors }: { errors: TRPCError[] }): { headers?: Record<string, string> } {
  const seconds = Math.max(0, ...errors.map((error) => (error.cause instanceof RetryAfter ? error.cause.seconds : 0)));
  return seconds > 0 ? { headers: { 'retry-after': String(seconds) } } : {};
}
