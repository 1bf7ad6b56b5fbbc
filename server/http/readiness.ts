import type { RequestHandler } from 'express';
import type { DB } from '#server/db/database';
import { databaseAnswers, migrationsApplied } from '#server/db/health';

/** A readiness probe runs every few seconds: a database slower than this is as good as absent to it. */
const READY_TIMEOUT_MS = 1_000;
const IDLE_POLL_MS = 25;

/**
 * GET /readyz, for a load balancer: 200 while this process should get new requests (its database answers, every
 * migration is applied, and it is not shutting down). From `drain()` on it says 503, while requests in flight finish
 * and the listener stays open, so the balancer takes the process out of rotation before it closes.
 */
export interface Readiness {
  /** Counts requests in flight; while draining, each response asks its client to close the connection. */
  track: RequestHandler;
  /** The GET /readyz handler. */
  probe: RequestHandler;
  /** From now on /readyz answers 503. */
  drain(): void;
  readonly draining: boolean;
  /** Resolves once no request is in flight (probes aside), or after `maxMs` at the latest. */
  idle(maxMs: number): Promise<void>;
}

export function createReadiness(db: DB): Readiness {
  const migrated = migrationsApplied(db, READY_TIMEOUT_MS);
  let draining = false;
  let inFlight = 0;

  return {
    track(req, res, next) {
      if (draining) res.setHeader('Connection', 'close');
      if (req.path === '/readyz') return next();
      inFlight += 1;
      res.once('close', () => (inFlight -= 1));
      next();
    },
    async probe(_req, res) {
      res.setHeader('Cache-Control', 'no-store');
      if (draining) return void res.status(503).json({ status: 'shutting down' });
      if (!(await databaseAnswers(db, READY_TIMEOUT_MS))) {
        return void res.status(503).json({ status: 'database unavailable' });
      }
      if (!(await migrated())) return void res.status(503).json({ status: 'migrations pending' });
      res.status(draining ? 503 : 200).json({ status: draining ? 'shutting down' : 'ready' });
    },
    drain() {
      draining = true;
    },
    get draining() {
      return draining;
    },
    idle(maxMs) {
      const deadline = Date.now() + maxMs;
      return new Promise((resolve) => {
        const check = () => {
          if (inFlight <= 0 || Date.now() >= deadline) return resolve();
          setTimeout(check, IDLE_POLL_MS);
        };
        check();
      });
    },
  };
}
