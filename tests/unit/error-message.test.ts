import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '#client/lib/errors';

const UNREACHABLE = "We couldn't reach Tandem. Check your connection and try again.";
const OUR_SIDE = 'Something went wrong on our side. Please try again in a moment.';

/** A failed fetch as the browser raises it, wrapped as tRPC's client wraps it. */
function failedFetch(message: string, withStack = true): TRPCClientError<never> {
  const cause = new TypeError(message);
  if (!withStack) cause.stack = undefined;
  return TRPCClientError.from(cause);
}

describe('what a person reads when a call fails', () => {
  it.each([
    ['Chrome', 'Failed to fetch', true],
    ['Firefox', 'NetworkError when attempting to fetch resource.', true],
    ['Safari', 'Load failed', false],
  ])('says the connection is the trouble when %s cannot reach the server', (_browser, message, withStack) => {
    expect(errorMessage(failedFetch(message, withStack))).toBe(UNREACHABLE);
  });

  it("gives the server's own words for a refusal, and a calm fallback for anything else", () => {
    const refused = new TRPCClientError('Your couple already has both partners.', {
      result: { error: { message: 'x', code: -32009, data: { code: 'CONFLICT', httpStatus: 409 } } },
    });
    expect(errorMessage(refused)).toBe('Your couple already has both partners.');
    expect(errorMessage(failedFetch('Cannot read properties of undefined'))).toBe(OUR_SIDE);
    expect(errorMessage(new Error('Failed to fetch'))).toBe(OUR_SIDE);
  });
});
