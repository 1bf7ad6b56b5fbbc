import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { THIS_WEEK } from '../helpers/factories';
import { socketUrl } from '../helpers/postgres-cluster';
import {
  createSharedDatabase,
  killHard,
  postCheckIn,
  ratingsFor,
  runToExit,
  seedPartners,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';

// An app on the database's own machine may reach PostgreSQL through its Unix socket rather than TCP on loopback (the
// bench measures the difference). Only the PostgreSQL run has a server, so this file runs there alone
// (vitest.config.ts).

describe('a DATABASE_URL that names a socket folder', () => {
  let shared: SharedDatabase;
  let server: ServerProcess;
  let throughSocket: string;

  beforeAll(async () => {
    shared = await createSharedDatabase();
    throughSocket = socketUrl(shared.target, inject('postgresSocketFolder'));
    server = await startServerProcess(null, { DATABASE_URL: throughSocket });
  });
  afterAll(async () => {
    if (server) await killHard(server);
    await shared?.remove();
  });

  it('serves through the socket, and says so when it starts, without the password', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const [partner] = await seedPartners(shared.target, 1);
    const saved = await postCheckIn(server.baseUrl, partner!.cookie, THIS_WEEK, ratingsFor(3));
    expect(saved.status).toBe(200);
    const input = encodeURIComponent(JSON.stringify({ range: '12w' }));
    const dashboard = await fetch(`${server.baseUrl}/trpc/dashboard.get?input=${input}`, {
      headers: { cookie: partner!.cookie },
    });
    expect(dashboard.status).toBe(200);
    // The app's own connections, seen by the server: a Unix socket connection has no client address.
    const watcher = new pg.Client({ connectionString: shared.target });
    await watcher.connect();
    try {
      const { rows } = await watcher.query<{ client_addr: string | null }>(
        `select client_addr from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r.client_addr)).toEqual(rows.map(() => null));
    } finally {
      await watcher.end();
    }
    const start = server
      .output()
      .split('\n')
      .find((line) => line.includes('running at'));
    expect(start).toContain(`(Unix socket in ${inject('postgresSocketFolder')})`);
  });

  it('ends the start with one line naming the folder when no server listens there', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-no-socket-'));
    try {
      const url = `postgres://tandem:secret-in-url@localhost:5432/tandem?host=${empty}`;
      const { code, output } = await runToExit({ DATABASE_URL: url });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines, output).toHaveLength(1);
      expect(lines[0]).toBe(
        `Could not use the PostgreSQL database at postgres://tandem@localhost:5432/tandem (Unix socket in ${empty}): ` +
          'no PostgreSQL socket in that folder for that port (is PostgreSQL running?).',
      );
      expect(output).not.toContain('secret-in-url');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
