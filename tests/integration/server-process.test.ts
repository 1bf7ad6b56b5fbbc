import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { launchArgs } from '../helpers/launch';
import { createSharedDatabase } from '../helpers/server-process';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts `server/index.ts` as `npm start` does, on a free port, and waits for its address. */
async function startProcess(databaseEnv: Record<string, string>): Promise<{ baseUrl: string; output: () => string }> {
  let output = '';
  child = spawn(process.execPath, launchArgs('server/index.ts'), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...databaseEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child!.stdout!.on('data', check);
    child!.on('exit', () => reject(new Error(`server exited:\n${output}`)));
  });
  return { baseUrl, output: () => output };
}

const exited = (process: ChildProcess) =>
  new Promise<number | null>((resolve) => process.on('exit', (code) => resolve(code)));

describe('the server process', () => {
  it('creates the database with its folder, applies migrations, and reports healthy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-proc-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const dbPath = path.join(dir, 'nested', 'folder', 'tandem.db');
    const { baseUrl, output } = await startProcess({ DATABASE_PATH: dbPath });
    expect(fs.existsSync(dbPath)).toBe(true);
    expect(output()).toContain('Applied migrations');
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Gone before its folder is removed: a server that is closing still writes to its database.
    const stopped = exited(child!);
    child!.kill('SIGTERM');
    await stopped;
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    // On the run's own database: a SQLite file, or PostgreSQL in the PostgreSQL run (its pool closes as the file does).
    const shared = await createSharedDatabase();
    const { baseUrl, output } = await startProcess(shared.env);
    const running = child!;
    const exit = exited(running);
    // A signup hashes the password at full cost: long enough to still be running when the signal lands.
    const inFlight = fetch(`${baseUrl}/trpc/auth.signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'late@example.com',
        password: 'a long password',
        displayName: 'Late',
        role: 'partner',
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    running.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await exit).toBe(0);
    expect(output()).toContain('Stopped cleanly');
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
    await shared.remove();
  });
});
