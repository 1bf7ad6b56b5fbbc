import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendTrpcStyleError } from './trpc-error';

/**
 * Cross-site request forgery: a browser lets another site post a form (text/plain, urlencoded, multipart) with our
 * cookie attached, but not JSON without a preflight we never grant. So mutations must be JSON and same-origin.
 */
export const sameOriginJsonOnly: RequestHandler = (req, res, next) => {
  // Queries are read over GET (HEAD asks for the same without the body); nothing else is part of the API, and refusing
  // other methods here keeps them from reaching tRPC with a body and a content type nobody checked.
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST');
    return sendTrpcStyleError(res, 405, 'METHOD_NOT_SUPPORTED', 'Read with GET and change with POST.');
  }
  if (req.get('sec-fetch-site') === 'cross-site') {
    return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
  }
  const origin = req.get('origin');
  if (origin && origin !== 'null') {
    let originHost: string | null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    // req.host honours X-Forwarded-Host only when TRUST_PROXY says a proxy in front may be believed.
    if (originHost !== req.host) {
      return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    }
  } else if (origin === 'null') {
    return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
  }
  // The header, not req.is(): an empty JSON body is still a JSON request, and tRPC answers it precisely.
  if (!/^application\/json\s*(;|$)/i.test(req.get('content-type') ?? '')) {
    return sendTrpcStyleError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send mutations as application/json.');
  }
  next();
};

/** Procedures that create accounts, sessions or demo data, or try invite codes or reset links: the ones worth guessing at. */
const GUARDED_PROCEDURES = new Set(['auth.signup', 'auth.login', 'demo.start', 'couple.join', 'auth.resetPassword']);

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
 * otherwise count as one attempt and hash fifty passwords at once).
 */
export const guardedCallsAlone: RequestHandler = (req, res, next) => {
  const procedures = proceduresOf(req.path);
  if (!procedures) return sendTrpcStyleError(res, 404, 'NOT_FOUND', 'No such procedure.');
  if (procedures.length > 1 && procedures.some((p) => GUARDED_PROCEDURES.has(p))) {
    return sendTrpcStyleError(res, 400, 'BAD_REQUEST', 'Sign-in, sign-up, demo, join and password reset calls cannot be batched.');
  }
  next();
};

export function perAddressLimiter(enabled: boolean): RequestHandler {
  const limiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 100,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !(proceduresOf(req.path) ?? []).some((p) => GUARDED_PROCEDURES.has(p)),
    handler: (_req, res) =>
      sendTrpcStyleError(res, 429, 'TOO_MANY_REQUESTS', 'Too many attempts from this address. Wait a few minutes, then try again.'),
  });
  return enabled ? limiter : (_req, _res, next) => next();
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
