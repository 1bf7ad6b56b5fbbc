import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { HttpClient, startServer, type RunningServer } from '../helpers/http-server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- …` as an administrator types it, in its own process, beside the running server. */
function admin(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      env: { ...process.env, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function signUp(email: string) {
  const client = new HttpClient(server.baseUrl);
  const response = await client.mutation('auth.signup', {
    email,
    password: 'the old password',
    displayName: 'Robin',
    role: 'partner',
  });
  expect(response.status).toBe(200);
  return client;
}

const LINK = /^(http\S+)\/reset-password\?token=([A-Za-z0-9_-]{43})$/m;

describe('npm run admin -- reset-password', () => {
  it('prints a one-time link while the server runs; the link sets a new password and ends every session', async () => {
    const browser = await signUp('robin@example.com');
    const run = await admin(['reset-password', 'Robin@Example.com'], { ...server.databaseEnv, PORT: '4321' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [, base, token] = LINK.exec(run.stdout)!;
    expect(base).toBe('http://localhost:4321');
    expect(run.stdout).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);

    const stranger = new HttpClient(server.baseUrl);
    const reset = await stranger.mutation('auth.resetPassword', { token, newPassword: 'the new password' });
    expect(reset.status).toBe(200);
    expect((await browser.query('auth.me')).body.result.data).toBeNull();
    const login = await stranger.mutation('auth.login', { email: 'robin@example.com', password: 'the new password' });
    expect(login.status).toBe(200);
    const again = await new HttpClient(server.baseUrl).mutation('auth.resetPassword', {
      token,
      newPassword: 'yet another password',
    });
    expect(again.status).toBe(409);
  }, 30_000);

  it('uses PUBLIC_URL for the link when it is set', async () => {
    await signUp('sam@example.com');
    const run = await admin(['reset-password', 'sam@example.com'], {
      ...server.databaseEnv,
      PUBLIC_URL: 'https://tandem.example.org/',
    });
    expect(run.code).toBe(0);
    expect(LINK.exec(run.stdout)?.[1]).toBe('https://tandem.example.org');
  }, 30_000);

  it('says so and fails for an unknown email, a missing database, or a wrong command', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-admin-'));
    // Removed after the test, which asserts that the command left no file in it.
    onTestFinished(() => fs.rmSync(folder, { recursive: true, force: true }));
    const missing = path.join(folder, 'none.db');
    const [unknown, noDatabase, usage] = await Promise.all([
      admin(['reset-password', 'nobody@example.com'], server.databaseEnv),
      admin(['reset-password', 'robin@example.com'], { DATABASE_PATH: missing }),
      admin(['reset-passwords'], server.databaseEnv),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account has the email nobody@example.com');
    expect(unknown.stdout).not.toMatch(LINK);

    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain('There is no Tandem database');
    expect(fs.existsSync(missing)).toBe(false);

    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run admin -- reset-password <email>');
  }, 30_000);
});
