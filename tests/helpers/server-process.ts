import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { openPostgres } from '#server/db/postgres';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import type { Ratings } from '#shared/schemas/common.schema';
import { launchArgs } from './launch';
import { ratingsOf } from './ratings';
import { createPostgresDatabase, testDatabaseKind } from './test-database';

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  exited: Promise<number | string | null>;
}

/**
 * Starts `server/index.ts` the way `npm start` does (API only, so no client build is needed), on a free port, and
 * waits until it says where it listens (the message of its JSON start line): by then migrations are applied and
 * requests are served. It logs at LOG_LEVEL=info in JSON unless `env` says otherwise. `databasePath` is
 * the SQLite file, or null when `env` names the database (SharedDatabase.env); `env` may set WEB_CONCURRENCY too.
 */
export async function startServerProcess(
  databasePath: string | null,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  let output = '';
  const child = spawn(process.execPath, launchArgs('server/index.ts'), {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...(databasePath === null ? {} : { DATABASE_PATH: databasePath }),
      NODE_ENV: 'test',
      SERVE_CLIENT: '0',
      TANDEM_IP_RATE_LIMIT: '0',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited };
}

/** Runs the server until it exits (a start that is meant to fail): what it printed, and the exit code. */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, launchArgs('server/index.ts'), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', SERVE_CLIENT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The JSON log lines among a process's output (a start error is one plain line, and is not among them). */
export function logLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Ends the process at once, as a power cut or the OOM killer would: no shutdown code runs. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

export interface SeededPartner {
  userId: string;
  /** The Cookie header of a live session. */
  cookie: string;
}

/**
 * A database that app processes started by a test share: a SQLite file in a new folder, or a new PostgreSQL database
 * (migrated) in the PostgreSQL run. `target` is what seedPartners and openSharedDatabase take; `env` what a server
 * process is started with.
 */
export interface SharedDatabase {
  target: string;
  env: Record<string, string>;
  remove(): Promise<void>;
}

export async function createSharedDatabase(): Promise<SharedDatabase> {
  if (testDatabaseKind() === 'postgres') {
    const created = await createPostgresDatabase();
    return { target: created.url, env: { DATABASE_URL: created.url }, remove: () => created.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shared-'));
  const file = path.join(dir, 'tandem.db');
  return {
    target: file,
    env: { DATABASE_PATH: file },
    remove: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/** Opens a database a server process uses too (a SQLite path or a PostgreSQL URL), migrated. */
export async function openSharedDatabase(target: string): Promise<OpenDatabase> {
  const database = /^postgres(ql)?:\/\//.test(target) ? openPostgres(target, { poolSize: 2 }) : openDatabase(target);
  await migrateToLatest(database.db);
  return database;
}

/**
 * Partners with live sessions, written straight into the database (a SQLite path or a PostgreSQL URL): signing up over
 * HTTP would hash a password at full cost for each, which is not what these tests are about.
 */
export async function seedPartners(target: string, count: number): Promise<SeededPartner[]> {
  const database = await openSharedDatabase(target);
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
  const partners = Array.from({ length: count }, (_, i) => {
    const userId = randomUUID();
    const token = newSessionToken();
    return { i, userId, token };
  });
  try {
    await database.db.transaction().execute(async (trx) => {
      if (partners.length === 0) return;
      await trx
        .insertInto('users')
        .values(
          partners.map(({ i, userId }) => ({
            id: userId,
            email: `partner-${i}-${userId.slice(0, 8)}@example.test`,
            password_hash: 'no-password-login',
            display_name: `Partner ${i}`,
            role: 'partner' as const,
            created_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('sessions')
        .values(
          partners.map(({ userId, token }) => ({
            id: hashSecret(token),
            user_id: userId,
            created_at: now,
            last_seen_at: now,
            expires_at: expires,
          })),
        )
        .execute();
    });
  } finally {
    await database.close();
  }
  return partners.map(({ userId, token }) => ({ userId, cookie: `${SESSION_COOKIE}=${token}` }));
}

/** Ten ratings that encode a number, so a stored row can be matched to the write that produced it. */
export function ratingsFor(seed: number): Ratings {
  return ratingsOf((_, i) => ((seed + i * 7) % 10) + 1);
}

/** Posts a check-in as a browser on the same origin would. */
export function postCheckIn(
  baseUrl: string,
  cookie: string,
  week: string,
  ratings: Record<string, number>,
  signal?: AbortSignal,
) {
  return fetch(`${baseUrl}/trpc/assessment.submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ week, ratings }),
    signal,
  });
}
