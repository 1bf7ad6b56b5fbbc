import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { proceduresOf } from '#server/http/request-guards';
import { UNSUBSCRIBE_PATH } from '#server/mail/unsubscribe';
import { appRouter } from '#server/trpc/router';
import { routedPath, routedUnder } from './log-route';
import type { Metrics } from './metrics';

/** Only names the router defines become label values: a made-up procedure name in an address is `unknown`. */
const KNOWN_PROCEDURES: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));

/**
 * What a request is counted as: the procedures of a /trpc request (each of a batch, once), or one fixed name per
 * other route. Never the raw path, which anyone can make up and which may hold a token (calendar feeds, unsubscribe
 * links).
 */
export function procedureLabels(path: string): string[] {
  if (routedUnder(path, '/trpc/')) {
    const names = proceduresOf(path.slice('/trpc'.length)) ?? ['unknown'];
    return [...new Set(names.map((name) => (KNOWN_PROCEDURES.has(name) ? name : 'unknown')))];
  }
  const lower = path.toLowerCase();
  if (lower === '/healthz') return ['healthz'];
  if (lower === '/readyz') return ['readyz'];
  if (lower === '/metrics') return ['metrics'];
  if (routedUnder(path, '/calendar/')) return ['calendar'];
  if (routedUnder(path, UNSUBSCRIBE_PATH)) return ['email'];
  return ['static'];
}

function pathOf(req: Request): string {
  return routedPath(req.originalUrl);
}

/**
 * Times each request from its arrival until its response is done (or the client went away). A batch is observed once
 * per procedure in it, with the batch's time and status: the app batches the reads of a page, so a `batch` label
 * would hide the very procedures whose latency matters.
 */
export function measureRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // A client that went away before the answer was sent got no status, whatever res.statusCode still says.
      const status = res.writableFinished ? res.statusCode : 'aborted';
      for (const procedure of procedureLabels(pathOf(req))) metrics.observeRequest(procedure, status, seconds);
    });
    next();
  };
}

/** Compares digests, so neither the time taken nor a length check says how much of the token was right. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics, for a Prometheus server holding `token`: anyone else gets 401. `scrape` gives the text: this
 * process's registry, or every worker's through the primary (metrics-cluster.ts).
 */
export function metricsHandler(
  token: string,
  scrape: () => Promise<{ contentType: string; text: string }>,
): RequestHandler {
  return (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match || !sameToken(match[1]!, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(401).type('text/plain').send('Metrics need the bearer token set in METRICS_TOKEN.\n');
      return;
    }
    scrape().then(
      ({ contentType, text }) => res.type(contentType).send(text),
      () => res.status(503).type('text/plain').send('Metrics could not be gathered just now; try the next scrape.\n'),
    );
  };
}
