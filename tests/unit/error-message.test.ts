import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, showsAnswer } from '#client/lib/errors';

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

describe('whether a page keeps showing what it has when a refetch fails', () => {
  const refusedWith = (httpStatus: number) =>
    new TRPCClientError('refused', {
      result: { error: { message: 'refused', code: -32603, data: { code: 'X', httpStatus } } },
    });

  it('keeps it through no answer and a fault of the server, not past a refusal', () => {
    const cached = { data: ['a note'] };
    expect(showsAnswer({ ...cached, isError: false, error: null })).toBe(true);
    expect(showsAnswer({ ...cached, isError: true, error: failedFetch('Failed to fetch') })).toBe(true);
    expect(showsAnswer({ ...cached, isError: true, error: refusedWith(502) })).toBe(true);
    expect(showsAnswer({ ...cached, isError: true, error: refusedWith(403) })).toBe(false);
    expect(showsAnswer({ ...cached, isError: true, error: refusedWith(401) })).toBe(false);
  });

  it('shows an answer of null (no check-in yet), and nothing before the first answer', () => {
    expect(showsAnswer({ data: null, isError: false, error: null })).toBe(true);
    expect(showsAnswer({ data: undefined, isError: false, error: null })).toBe(false);
    expect(showsAnswer({ data: undefined, isError: true, error: failedFetch('Failed to fetch') })).toBe(false);
  });
});
