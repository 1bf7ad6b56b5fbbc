import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { snapshot } from './db-state';
import type { TestApp } from './test-app';

/** Awaits a call that must be refused and checks the tRPC code; returns the error for further checks. */
export async function expectTrpcError(call: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected ${code}, but the call succeeded with ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCError);
  expect((outcome.error as TRPCError).code).toBe(code);
  return outcome.error as TRPCError;
}

/** Checks that the call is refused with `code` and that the database is exactly as it was before. */
export async function expectRefusedUnchanged(app: TestApp, call: () => Promise<unknown>, code: TRPCError['code']) {
  const before = await snapshot(app);
  const error = await expectTrpcError(call(), code);
  expect(await snapshot(app)).toEqual(before);
  return error;
}
