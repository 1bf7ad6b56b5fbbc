import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendTrpcStyleError } from './trpc-error';

/** Imports read at the same time, across all accounts: each may hold up to 32 MiB while it is parsed. */
export const IMPORTS_AT_ONCE = 2;
const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * Who may send an import now. Each import holds a place while its file arrives and is read, and there are few places,
 * so that a few large files cannot take the server's memory. A sender must not be able to keep them from others: an
 * account holds one place at a time (a second import from it waits for the first), and a file still arriving after
 * the HTTP server's request timeout (HTTP_LIMITS in listen.ts) has its connection closed, which gives its place up.
 */
export function importAdmission() {
  let inFlight = 0;
  const sending = new Set<string>();

  return (accountId: string, handler: RequestHandler) => (req: Request, res: Response, next: NextFunction) => {
    if (sending.has(accountId)) {
      return refuse(res, 'A file you sent is still being imported. Wait for it to finish, then try again.');
    }
    if (inFlight >= IMPORTS_AT_ONCE) return refuse(res, 'Tandem is busy importing other files. Try again in a moment.');
    inFlight += 1;
    sending.add(accountId);
    res.once('close', () => {
      inFlight -= 1;
      sending.delete(accountId);
    });
    return handler(req, res, next);
  };
}

/** 429 with a short Retry-After: a place frees as soon as an import ends. */
function refuse(res: Response, message: string) {
  res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
  sendTrpcStyleError(res, 429, 'TOO_MANY_REQUESTS', message);
}
