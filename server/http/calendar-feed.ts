import type { RequestHandler } from 'express';
import type { AppDeps } from '#server/deps';
import { baseUrlOf, calendarFeed } from '#server/services/calendar.service';
import { sendTrpcStyleError } from './trpc-error';

/**
 * `GET /calendar/<token>.ics` (and HEAD): the person's weekly event for calendar apps, which fetch with nothing but
 * the URL. Whatever the file name, the token is hashed and looked up once, so unknown, ended and malformed tokens all
 * take the same path to the same 404 as any address where nothing lives.
 */
export function calendarFeedHandler(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const file = String(req.params.file ?? '');
      const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : file;
      const feed = await calendarFeed(deps, token, baseUrlOf(deps, `${req.protocol}://${req.host}`));
      res.setHeader('Cache-Control', 'no-store');
      // The token is in the address: never index it, never pass it on.
      res.setHeader('X-Robots-Tag', 'noindex');
      if (feed === null || !file.endsWith('.ics')) {
        sendTrpcStyleError(res, 404, 'NOT_FOUND', 'Nothing lives at this address.');
        return;
      }
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', 'inline; filename="tandem.ics"');
      res.status(200).send(feed);
    } catch (error) {
      next(error);
    }
  };
}
