import type { Request, Response } from 'express';
import { parse } from 'cookie';
import type { SessionCookie } from '#server/services/session.service';

export const SESSION_COOKIE = 'tandem_session';

/** The session cookie over HTTP: httpOnly so scripts never see it, Lax so other sites cannot post with it. */
export function httpSessionCookie(req: Request, res: Response): SessionCookie {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
  return {
    read: () => parse(req.headers.cookie ?? '')[SESSION_COOKIE],
    set: (token, expiresAt) => res.cookie(SESSION_COOKIE, token, { ...options, expires: expiresAt }),
    clear: () => res.clearCookie(SESSION_COOKIE, options),
  };
}
