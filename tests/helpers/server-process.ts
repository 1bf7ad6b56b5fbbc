import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hashSecret, newSessionToken } from '#server/auth/secrets';
import { openDatabase } from '#server/db/database';
import { migrateToLatest } from '#server/db/migrator';
import { SESSION_COOKIE } from '#server/http/session-cookie';
import type { Ratings } from '#shared/schemas/common.schema';
import { ratingsOf } from './ratings';

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has gone. */
  exited: Promise<number | string | null>;
}

/**
 * Starts `server/index.ts` the way `npm start` does (API only, so no client build is needed), on a free port, and
 * waits until it says where it listens: by then migrations are applied and requests are served.
 */
export async function startServerProcess(
  databasePath: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      NODE_ENV: 'test',
      SERVE_CLIENT: '0',
      TANDEM_IP_RATE_LIMIT: '0',
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
 * Partners with live sessions, written straight into a fresh database: signing up over HTTP would hash a password at
 * full cost for each, which is not what these tests are about.
 */
export async function seedPartners(databasePath: string, count: number): Promise<SeededPartner[]> {
  const database = openDatabase(databasePath);
  await migrateToLatest(database.db);
  const now = new Date();
  const partners: SeededPartner[] = [];
  const insertUser = database.sqlite.prepare(
    "insert into users (id, email, password_hash, display_name, role, created_at) values (?, ?, 'no-password-login', ?, 'partner', ?)",
  );
  const insertSession = database.sqlite.prepare('insert into sessions values (?, ?, ?, ?, ?)');
  const expires = new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString();
  database.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const userId = randomUUID();
      const token = newSessionToken();
      insertUser.run(userId, `partner-${i}-${userId.slice(0, 8)}@example.test`, `Partner ${i}`, now.toISOString());
      insertSession.run(hashSecret(token), userId, now.toISOString(), now.toISOString(), expires);
      partners.push({ userId, cookie: `${SESSION_COOKIE}=${token}` });
    }
  })();
  await database.close();
  return partners;
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
