import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '#server/app';
import type { AppConfig } from '#server/config';
import type { OpenDatabase } from '#server/db/database';
import { openPostgres } from '#server/db/postgres';
import { createHttpServer } from '#server/http/listen';
import { silentLogger } from '#server/observability/logger';
import { useProcessLogger } from '#server/observability/process-logger';
import { TEST_CONFIG } from './test-app';
import { createPostgresDatabase, openTestDatabase, testDatabaseKind } from './test-database';

/**
 * The client build the browser tests drive: `dist/client`, or TANDEM_TEST_CLIENT_DIR when set (a build made with
 * `npx vite build --outDir <dir>`), so a rebuild elsewhere cannot change the files under a running test.
 */
export const CLIENT_DIR = path.resolve(process.env.TANDEM_TEST_CLIENT_DIR ?? 'dist/client');

export interface RunningServer {
  baseUrl: string;
  database: OpenDatabase;
  /** The SQLite file, on SQLite; undefined on PostgreSQL. */
  dbFile: string | undefined;
  /** What another process (the admin command) sets to reach the same database: DATABASE_PATH or DATABASE_URL. */
  databaseEnv: Record<string, string>;
  close(): Promise<void>;
}

/** A database another process can open too: a temporary SQLite file, or a new PostgreSQL database in that run. */
async function openSharedDatabase(): Promise<{
  database: OpenDatabase;
  dbFile: string | undefined;
  databaseEnv: Record<string, string>;
  remove: () => Promise<void>;
}> {
  if (testDatabaseKind() === 'postgres') {
    const created = await createPostgresDatabase();
    return {
      database: openPostgres(created.url, { poolSize: 10 }),
      dbFile: undefined,
      databaseEnv: { DATABASE_URL: created.url },
      remove: () => created.drop(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const dbFile = path.join(dir, 'tandem.db');
  return {
    database: await openTestDatabase({ file: dbFile }),
    dbFile,
    databaseEnv: { DATABASE_PATH: dbFile },
    remove: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * The real app on a random port, serving the built client: over a temporary SQLite file, or over a new PostgreSQL
 * database in the PostgreSQL run.
 */
export async function startServer(config: Partial<AppConfig> = {}): Promise<RunningServer> {
  const { database, dbFile, databaseEnv, remove } = await openSharedDatabase();
  useProcessLogger(silentLogger());
  const { app } = createApp({
    db: database.db,
    database,
    config: { ...TEST_CONFIG, clientDir: CLIENT_DIR, ...config },
    logger: silentLogger(),
  });
  // The server `npm start` runs, with its timeouts and connection cap.
  const fullConfig = { ...TEST_CONFIG, clientDir: CLIENT_DIR, ...config };
  const server: Server = createHttpServer(app, { capPerAddress: fullConfig.ipRateLimit && !fullConfig.trustProxy });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    dbFile,
    databaseEnv,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      await remove();
    },
  };
}

/** A tiny HTTP client that keeps its own cookie, like one browser tab. */
export class HttpClient {
  cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async query(pathName: string, input?: unknown, headers: Record<string, string> = {}) {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send(`/trpc/${pathName}${search}`, { method: 'GET', headers });
  }

  async mutation(pathName: string, input?: unknown, headers: Record<string, string> = {}) {
    return this.send(`/trpc/${pathName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }

  async send(pathName: string, init: RequestInit & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    const response = await fetch(`${this.baseUrl}${pathName}`, { ...init, headers });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !pair.endsWith('=') ? pair : undefined;
    }
    const text = await response.text();
    // Whatever the server answered, JSON or text: each test reads into it the shape it asserts.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (HTML pages, plain text): keep the text.
    }
    return { status: response.status, headers: response.headers, body, setCookie };
  }
}
