import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createSharedDatabase,
  killHard,
  startServerProcess,
  type ServerProcess,
  type SharedDatabase,
} from '../helpers/server-process';

const PASSWORD = 'correct horse battery';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-resilience-'));
let running: ServerProcess | undefined;
// Each test's server on a database of its own: a SQLite file, or a PostgreSQL database in the PostgreSQL run.
let shared: SharedDatabase | undefined;
async function startOnOwnDatabase(env: Record<string, string> = {}): Promise<ServerProcess> {
  shared = await createSharedDatabase();
  return startServerProcess(null, { ...shared.env, ...env });
}
afterEach(async () => {
  if (running) await killHard(running);
  running = undefined;
  await shared?.remove();
  shared = undefined;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function post(baseUrl: string, procedure: string, input: unknown) {
  return fetch(`${baseUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

const signup = (baseUrl: string, email: string) =>
  post(baseUrl, 'auth.signup', { email, password: PASSWORD, displayName: 'Burst', role: 'partner' });
const login = (baseUrl: string, email: string) => post(baseUrl, 'auth.login', { email, password: PASSWORD });

async function healthy(server: ServerProcess): Promise<number> {
  expect(server.child.exitCode, server.output()).toBeNull();
  return (await fetch(`${server.baseUrl}/healthz`)).status;
}

describe('the server process under a burst of password hashing', () => {
  it('answers logins with a known and an unknown email during a burst of sign-ups, stays up, and logs in afterwards', async () => {
    // The real cost (the process reads no other): each hash holds its place in the line for a few hundred ms.
    running = await startOnOwnDatabase();
    const server = running;
    const known = 'known@example.test';
    expect((await signup(server.baseUrl, known)).status).toBe(200);

    // Twenty sign-ups at a time, each sent again as soon as it is answered, keep the line full meanwhile.
    let flooding = true;
    const flooders = Array.from({ length: 20 }, async (_, w) => {
      const statuses: number[] = [];
      for (let n = 0; flooding; n++) {
        const response = await signup(server.baseUrl, `burst-${w}-${n}@example.test`);
        statuses.push(response.status);
        if (response.status === 429) await sleep(10);
      }
      return statuses;
    });
    await sleep(150);
    const [knownLogin, unknownLogin] = await Promise.all([
      login(server.baseUrl, known),
      login(server.baseUrl, 'unknown@example.test'),
    ]);
    flooding = false;
    const floodStatuses = (await Promise.all(flooders)).flat();

    expect([200, 429]).toContain(knownLogin.status);
    expect([401, 429]).toContain(unknownLogin.status);
    expect(
      floodStatuses.every((s) => s === 200 || s === 429),
      JSON.stringify(floodStatuses),
    ).toBe(true);
    expect(await healthy(server)).toBe(200);
    // Nothing failed and stayed failed: both kinds of login answer as they should once the line has moved on.
    expect((await login(server.baseUrl, known)).status).toBe(200);
    expect((await login(server.baseUrl, 'unknown@example.test')).status).toBe(401);
    expect(await healthy(server)).toBe(200);
    expect(server.output()).not.toMatch(/Unexpected error/);
  }, 120_000);
});

describe('the server process meeting an error nobody handles', () => {
  it('logs an unhandled rejection and an uncaught exception with what they were, and keeps serving', async () => {
    // Loaded before the server, a module that, on a signal, does what a forgotten promise or a throwing callback would.
    const faulty = path.join(dir, 'fault-on-signal.mjs');
    fs.writeFileSync(
      faulty,
      [
        "process.on('SIGUSR2', () => {",
        "  void Promise.reject(new Error('a rejection nobody handled'));",
        "  setImmediate(() => { throw new Error('an exception nobody caught'); });",
        '});',
      ].join('\n'),
    );
    running = await startOnOwnDatabase({
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(faulty).href}`.trim(),
    });
    const server = running;
    server.child.kill('SIGUSR2');
    for (let i = 0; i < 100 && !/an exception nobody caught/.test(server.output()); i++) await sleep(100);

    expect(server.output()).toMatch(/Unexpected error.*rejected[\s\S]*a rejection nobody handled/);
    expect(server.output()).toMatch(/Unexpected error \(uncaughtException\)[\s\S]*an exception nobody caught/);
    expect(await healthy(server)).toBe(200);
    // Still serving the API too, not only the health check.
    expect((await signup(server.baseUrl, 'after@example.test')).status).toBe(200);
  }, 60_000);
});
