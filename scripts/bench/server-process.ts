/**
 * The app as `npm start` runs it, in a process of its own: `node scripts/launch.mjs server/index.ts`, API only, on a free
 * loopback port, over the database named. Ready once /healthz answers 200 (migrations applied, serving).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { launchArgs } from '../../tests/helpers/launch';
import { freePort } from '../../tests/helpers/postgres-cluster';

export type BenchDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface BenchServer {
  url: string;
  port: number;
  pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL if the process is still there after 15 s. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  database: BenchDatabase;
  workers: number;
  /** The checkout to run (the bench's own by default). */
  cwd?: string;
  /** More variables, for experiments. */
  env?: Record<string, string>;
  port?: number;
}

export function serverEnv(options: ServerOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEB_CONCURRENCY: String(options.workers),
    TANDEM_IP_RATE_LIMIT: '0',
    NODE_ENV: 'production',
    SERVE_CLIENT: '0',
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  if (options.database.kind === 'sqlite') env.DATABASE_PATH = options.database.path;
  else env.DATABASE_URL = options.database.url;
  return env;
}

/** Starts the server; does not wait for it (see `waitUntilServing`). */
export async function spawnServer(options: ServerOptions): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, launchArgs('server/index.ts'), {
    cwd: options.cwd ?? process.cwd(),
    env: serverEnv(options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('error', (error) => (output += `\nspawn failed: ${error.message}`));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Polls /healthz until it answers 200; throws with the server's output past `timeoutMs`. */
export async function waitUntilServing(server: BenchServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await healthz(server.url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await server.stop();
  throw new Error(`The server at ${server.url} did not answer within ${timeoutMs / 1000} s:\n${server.output()}`);
}

export function healthz(baseUrl: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(`${baseUrl}/healthz`, { timeout: 2_000, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

export async function startServer(options: ServerOptions): Promise<BenchServer> {
  const server = await spawnServer(options);
  await waitUntilServing(server);
  return server;
}
