import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { sendTrpcStyleError } from './trpc-error';

/**
 * Cross-site request forgery: a browser lets another site post a form (text/plain, urlencoded, multipart) with our
 * cookie attached, but not JSON without a preflight we never grant. So mutations must be JSON and same-origin.
 */
export const sameOriginJsonOnly: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
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
    if (originHost !== req.get('host')) {
      return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
    }
  } else if (origin === 'null') {
    return sendTrpcStyleError(res, 403, 'FORBIDDEN', 'Requests from other sites are refused.');
  }
  if (!req.is('application/json')) {
    return sendTrpcStyleError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send mutations as application/json.');
  }
  next();
};

/** Procedures that create accounts, sessions or demo data, or try invite codes: the ones worth guessing at. */
const GUARDED_PROCEDURES = ['auth.signup', 'auth.login', 'demo.start', 'couple.join'];

export function perAddressLimiter(enabled: boolean): RequestHandler {
  const limiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 100,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => {
      const procedures = decodeURIComponent(req.path.replace(/^\//, '')).split(',');
      return !procedures.some((p) => GUARDED_PROCEDURES.includes(p));
    },
    handler: (_req, res) =>
      sendTrpcStyleError(res, 429, 'TOO_MANY_REQUESTS', 'Too many attempts from this address. Wait a few minutes, then try again.'),
  });
  return enabled ? limiter : (_req, _res, next) => next();
}
