import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LogEvent } from 'kysely';
import type { OpenDatabase } from '#server/db/database';
import { weekOf } from '#shared/week';
import { cachedValues, type Cached } from './cached-values';
import { countInstance, type InstanceCounts } from './instance-counts';

/** What became of one email: sent, failed for good, or failed and scheduled to be tried again. */
export type MailOutcome = 'sent' | 'failed' | 'retry';

/**
 * Every metric of one server, in a registry of its own: tests make many apps in one process, and prom-client's global
 * registry would mix them. Labels are bounded sets written in the code (procedure names the router knows, statement
 * kinds, email kinds): never an address, a SQL text, a parameter or anything a person typed.
 */
export interface Metrics {
  registry: Registry;
  /** Kysely's `log` option: times every statement by its kind (select, insert, update, delete, other). */
  queryLog: (event: LogEvent) => void;
  /** One answered request: `procedure` is a tRPC procedure name or a fixed route name. */
  observeRequest(procedure: string, statusCode: number | 'aborted', seconds: number): void;
  /** One email worked on: `kind` names the kind of email (weekly-reminder, password reset, …), never its address. */
  observeMail: (kind: string, outcome: MailOutcome) => void;
  /** Reads pool use and cached counts of `database` at each scrape. */
  watchDatabase(database: OpenDatabase, now: () => Date): void;
}

/** The longest a scrape waits for the counts before it shows the last ones read. */
const COUNTS_WAIT_MS = 1_000;
/** Counts change slowly; reading them at most once a minute keeps a scrape cheap whatever the scrape interval. */
const COUNTS_MAX_AGE_MS = 60_000;
/** Seconds; from a cached dashboard read (a few ms) to a request that waited on a lock (seconds). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const REFUSALS = new Set([401, 403, 429]);
const STATEMENT_KINDS = new Set(['select', 'insert', 'update', 'delete']);

export interface MetricsOptions {
  /** How old the cached counts may get before a scrape reads them again; a minute unless a test says otherwise. */
  countsMaxAgeMs?: number;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const countsMaxAgeMs = options.countsMaxAgeMs ?? COUNTS_MAX_AGE_MS;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // One per process, summed across workers: a scrape says how many workers it speaks for.
  new Gauge({
    name: 'tandem_workers',
    help: 'Server processes whose metrics this scrape includes.',
    registers: [registry],
  }).set(1);

  const requestDuration = new Histogram({
    name: 'tandem_http_request_duration_seconds',
    help: 'Time to answer a request, by tRPC procedure (or fixed route name) and status class.',
    labelNames: ['procedure', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'tandem_http_errors_total',
    help: 'Requests answered with a 5xx status, by procedure.',
    labelNames: ['procedure'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'tandem_http_refusals_total',
    help: 'Requests refused with 401, 403 or 429, by procedure and status.',
    labelNames: ['procedure', 'status'] as const,
    registers: [registry],
  });
  const queryDuration = new Histogram({
    name: 'tandem_db_query_duration_seconds',
    help: 'Time a database statement took, by statement kind.',
    labelNames: ['kind'] as const,
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  const queryErrors = new Counter({
    name: 'tandem_db_query_errors_total',
    help: 'Database statements that failed, by statement kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const mail = {
    sent: new Counter({
      name: 'tandem_email_sends_total',
      help: 'Emails handed to the SMTP server, by kind of email.',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    failed: new Counter({
      name: 'tandem_email_failures_total',
      help: 'Emails given up on (every attempt failed, or a one-off send failed), by kind of email.',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    retry: new Counter({
      name: 'tandem_email_retries_total',
      help: 'Failed sends scheduled to be tried again, by kind of email.',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
  };

  return {
    registry,
    queryLog(event) {
      const kind = statementKind(event.query.sql);
      queryDuration.observe({ kind }, event.queryDurationMillis / 1000);
      if (event.level === 'error') queryErrors.inc({ kind });
    },
    observeRequest(procedure, statusCode, seconds) {
      if (statusCode === 'aborted') return requestDuration.observe({ procedure, status_class: 'aborted' }, seconds);
      requestDuration.observe({ procedure, status_class: `${Math.floor(statusCode / 100)}xx` }, seconds);
      if (statusCode >= 500) errors.inc({ procedure });
      else if (REFUSALS.has(statusCode)) refusals.inc({ procedure, status: String(statusCode) });
    },
    observeMail: (kind, outcome) => {
      mail[outcome].inc({ kind });
    },
    watchDatabase(database, now) {
      if (database.kind === 'postgres') watchPool(registry, database.pool);
      watchCounts(registry, () => countInstance(database.db, weekOf(now())), countsMaxAgeMs);
    },
  };
}

function statementKind(sql: string): string {
  const word = /^\s*\(?\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  return STATEMENT_KINDS.has(word) ? word : 'other';
}

/** Pool use, read as each scrape asks; each worker has a pool of its own, so workers' values add up. */
function watchPool(registry: Registry, pool: { totalCount: number; idleCount: number; waitingCount: number }): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('tandem_db_pool_connections', 'PostgreSQL connections open in the pool.', () => pool.totalCount);
  gauge('tandem_db_pool_idle_connections', 'PostgreSQL connections open and idle.', () => pool.idleCount);
  gauge('tandem_db_pool_waiting_clients', 'Queries waiting for a free PostgreSQL connection.', () => pool.waitingCount);
}

/**
 * Counts of the whole installation, read at a scrape at most once a minute. Every worker reads the same database, so
 * across workers the largest value is the value ('max'), never their sum. A count that fails keeps the last values
 * and the scrape still answers; `tandem_counts_updated_timestamp_seconds` says how fresh they are.
 */
function watchCounts(registry: Registry, count: () => Promise<InstanceCounts>, maxAgeMs: number): void {
  const cached = cachedValues(count, maxAgeMs);
  // A scrape never waits long on the counts: with the database busy (a full pool, a long import) it shows the last ones
  // read, and their age (tandem_counts_updated_timestamp_seconds), while the new read finishes for the next scrape.
  const counts = {
    read: () =>
      new Promise<Cached<InstanceCounts> | null>((resolve) => {
        const timer = setTimeout(() => resolve(cached.last()), COUNTS_WAIT_MS);
        void cached.read().then((values) => {
          clearTimeout(timer);
          resolve(values);
        });
      }),
  };
  const gauge = (name: string, help: string, read: (values: InstanceCounts) => number) =>
    new Gauge({
      name,
      help,
      aggregator: 'max',
      registers: [registry],
      async collect() {
        const values = await counts.read();
        if (values) this.set(read(values.value));
      },
    });
  gauge(
    'tandem_check_ins_this_week',
    'Check-ins of the current ISO week (demo couples left out).',
    (v) => v.checkInsThisWeek,
  );
  gauge('tandem_check_ins', 'Check-ins stored (demo couples left out).', (v) => v.checkIns);
  gauge('tandem_couples', 'Couples (demo couples left out).', (v) => v.couples);
  gauge('tandem_coaches', 'Coach accounts.', (v) => v.coaches);
  new Gauge({
    name: 'tandem_counts_updated_timestamp_seconds',
    help: 'When the counts above were last read from the database (Unix time).',
    aggregator: 'max',
    registers: [registry],
    async collect() {
      const values = await counts.read();
      if (values) this.set(values.at / 1000);
    },
  });
}
