import type { Request, RequestHandler } from 'express';
import { rateLimit, type IncrementResponse, type Store } from 'express-rate-limit';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { GUARDED_PROCEDURES, UNBATCHED_PROCEDURES } from '#shared/batching';
import type { LimiterFactory } from '#server/auth/rate-limits';
import { sendTrpcStyleError } from './trpc-error';

/**
 * Cross-site request forgery: a browser lets another site post a form (text/plain, urlencoded, multipart) with our
 * cookie attached, but not JSON without a preflight we never grant. So mutations must be JSON and same-origin.
 */
export const sameOriginJsonOnly: RequestHandler = (req, res, next) => {
  // Queries are read over GET (HEAD asks for the same without the body); nothing else is part of the API, and refusing
  // other methods here keeps them from reaching tRPC with a body and a content type nobody checked.
  if (req.method === 'GET' || req.method === 'HEAD') {
    // A link or an image on another site carries our cookie on a top-level navigation (SameSite=Lax), and a sibling
    // site's page on every request: a query it reaches would run as that person, and a coach's read would be logged.
    // The app itself reads from its own origin; an address typed or bookmarked says `none`.
    if (CROSS_ORIGIN_FETCH_SITES.has(req.get('sec-fetch-site') ?? '')) {
      return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    }
    return next();
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return sendTrpcStyleError(res, 405, 'METHOD_NOT_SUPPORTED', 'Read with GET and change with POST.');
  }
  if (req.get('sec-fetch-site') === 'cross-site') {
    return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
  }
  const origin = req.get('origin');
  // No Origin at all is a script or an old browser, which cannot carry someone else's cookie across sites.
  if (origin !== undefined && !isOwnOrigin(req, origin)) {
    return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
  }
  // The header, not req.is(): an empty JSON body is still a JSON request, and tRPC answers it precisely.
  if (!/^application\/json\s*(;|$)/i.test(req.get('content-type') ?? '')) {
    return sendTrpcStyleError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send mutations as application/json.');
  }
  next();
};

const CROSS_ORIGIN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/**
 * Whether an Origin is this server as the browser addressed it: scheme, host and port, each compared after URL
 * normalization (default ports dropped, case folded). req.protocol and req.host honour X-Forwarded-Proto and
 * X-Forwarded-Host only when TRUST_PROXY says a proxy in front may be believed. `null`, opaque and unparsable origins
 * never match.
 */
function isOwnOrigin(req: Request, origin: string): boolean {
  if (!req.host) return false;
  try {
    return new URL(origin).origin === new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return false;
  }
}

/**
 * The procedures a /trpc request calls, read the way tRPC reads them: the last path segment, comma-separated.
 * Null when the path cannot be decoded or nests segments, which tRPC would misread and we refuse outright.
 */
export function proceduresOf(path: string): string[] | null {
  const raw = path.replace(/^\//, '');
  if (raw.includes('/')) return null;
  try {
    return decodeURIComponent(raw).split(',');
  } catch {
    return null;
  }
}

/**
 * Keeps each guarded call countable: it must be the only call of its request (a batch of fifty logins would
 * otherwise count as one attempt and hash fifty passwords at once). The import too: alone, it is the one request
 * that takes one of the few import slots (server/app.ts); in a batch it would take none.
 */
export const guardedCallsAlone: RequestHandler = (req, res, next) => {
  const procedures = proceduresOf(req.path);
  if (!procedures) return sendTrpcStyleError(res, 404, 'NOT_FOUND', 'No such procedure.');
  if (procedures.length > 1 && procedures.some((p) => UNBATCHED_PROCEDURES.has(p))) {
    return sendTrpcStyleError(
      res,
      400,
      'BAD_REQUEST',
      'Sign-in, sign-up, demo, join, password, account deletion and import calls cannot be batched.',
    );
  }
  next();
};

interface AddressLimit {
  /** Begins the limit's keys in the shared table. */
  name: string;
  windowMs: number;
  limit: number;
  /** Whether a request calls one of the procedures this limit counts. */
  counts: (procedures: string[]) => boolean;
  message: string;
}

/**
 * express-rate-limit's store over a rate-limiter-flexible limiter, so per-address counts live where the per-account
 * ones do (the database) and every process counts together. A hit is a penalty point, one given back a reward, and a
 * reset deletes the key; the limiter holds no more points than the limit, so it only counts and never refuses.
 */
export class LimiterStore implements Store {
  /** Counts are shared with every process on the same database. */
  readonly localKeys = false;
  /** What the limiter puts before each key: express-rate-limit tells two limits of one request apart by it. */
  readonly prefix: string;

  constructor(private readonly limiter: RateLimiterAbstract) {
    this.prefix = `${limiter.keyPrefix}:`;
  }

  async get(key: string): Promise<IncrementResponse | undefined> {
    const res = await this.limiter.get(key);
    return res ? toHits(res) : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    return toHits(await this.limiter.penalty(key, 1));
  }

  async decrement(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

function toHits(res: RateLimiterRes): IncrementResponse {
  return {
    totalHits: res.consumedPoints,
    resetTime: res.msBeforeNext >= 0 ? new Date(Date.now() + res.msBeforeNext) : undefined,
  };
}

/**
 * A limit counted per client address over some procedures (429 with Retry-After beyond it); a no-op when turned off.
 * A store that fails (the database does not answer) fails the request with a 500 rather than letting it through
 * uncounted: express-rate-limit hands the error to Express.
 */
function perAddress(
  enabled: boolean,
  limiter: LimiterFactory,
  { name, windowMs, limit, counts, message }: AddressLimit,
): RequestHandler {
  if (!enabled) return (_req, _res, next) => next();
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new LimiterStore(limiter({ keyPrefix: name, points: limit, duration: windowMs / 1000 })),
    skip: (req) => !counts(proceduresOf(req.path) ?? []),
    handler: (_req, res) => sendTrpcStyleError(res, 429, 'TOO_MANY_REQUESTS', message),
  });
}

/**
 * Counts every guarded call per client address: guesses at accounts, codes and links, and password checks, which one
 * address holding many accounts could otherwise multiply.
 */
export function perAddressLimiter(enabled: boolean, limiter: LimiterFactory): RequestHandler {
  return perAddress(enabled, limiter, {
    name: 'address',
    windowMs: 15 * 60 * 1000,
    limit: 100,
    counts: (procedures) => procedures.some((p) => GUARDED_PROCEDURES.has(p)),
    message: 'Too many attempts from this address. Wait a few minutes, then try again.',
  });
}

export const DEMOS_PER_ADDRESS_PER_HOUR = 10;

/**
 * Demo couples need no account, and each may store text up to its own small ceiling until it is removed a day later:
 * counted apart from the other guarded calls, and far more sparingly, so one address cannot keep the server's disk
 * filling with demos.
 */
export function perAddressDemoLimiter(enabled: boolean, limiter: LimiterFactory): RequestHandler {
  return perAddress(enabled, limiter, {
    name: 'address-demo',
    windowMs: 60 * 60 * 1000,
    limit: DEMOS_PER_ADDRESS_PER_HOUR,
    counts: (procedures) => procedures.includes('demo.start'),
    message: 'Too many demos started from this address. Sign up, or try the demo again in an hour.',
  });
}

export const RESET_EMAILS_PER_ADDRESS_PER_HOUR = 10;

/**
 * Reset emails go to whoever owns the address typed in: counted per client address, apart from the other guarded
 * calls and more sparingly, so one address cannot use the server to fill other people's inboxes.
 */
export function perAddressResetEmailLimiter(enabled: boolean, limiter: LimiterFactory): RequestHandler {
  return perAddress(enabled, limiter, {
    name: 'address-reset-email',
    windowMs: 60 * 60 * 1000,
    limit: RESET_EMAILS_PER_ADDRESS_PER_HOUR,
    counts: (procedures) => procedures.includes('auth.requestPasswordReset'),
    message: 'Too many reset emails asked for from this address. Try again in an hour.',
  });
}

/**
 * A mutation that takes no input may be posted with no body at all (`curl -X POST …/auth.logout`). tRPC would try to
 * parse the empty body as JSON and refuse it; an empty object says the same thing and parses.
 */
export const emptyBodyAsEmptyObject: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (req.method === 'POST' && !chunked && (length === undefined || length === '0')) {
    (req as { body?: unknown }).body = '{}';
  }
  next();
};
