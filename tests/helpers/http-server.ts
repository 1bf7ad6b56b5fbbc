import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '#server/app';
import type { AppConfig } from '#server/config';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { createHttpServer } from '#server/http/listen';
import { TEST_CONFIG } from './test-app';

/**
 * The client build the browser tests drive: `dist/client`, or TANDEM_TEST_CLIENT_DIR when set (a build made with
 * `npx vite build --outDir <dir>`), so a rebuild elsewhere cannot change the files under a running test.
 */
export const CLIENT_DIR = path.resolve(process.env.TANDEM_TEST_CLIENT_DIR ?? 'dist/client');

export interface RunningServer {
  baseUrl: string;
  database: OpenDatabase;
  dbFile: string;
  close(): Promise<void>;
}

/** The real app on a random port over a temporary SQLite file, serving the built client. */
export async function startServer(config: Partial<AppConfig> = {}): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  const dbFile = path.join(dir, 'tandem.db');
  const database = openDatabase(dbFile);
  await migrateToLatest(database.db);
  const { app } = createApp({
    db: database.db,
    config: { ...TEST_CONFIG, clientDir: CLIENT_DIR, ...config },
    log: () => {},
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
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
