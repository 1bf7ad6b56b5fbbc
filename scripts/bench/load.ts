/**
 * Section b: throughput under concurrent load. autocannon runs in its own process (so its work does not share the
 * server's event loop), against loopback only, for a fixed duration, and is killed if it overstays.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express from 'express';
import { ms, ratio, table } from './stats';

export interface CannonResult {
  label: string;
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface CannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export function runAutocannon(
  label: string,
  url: string,
  headers: Record<string, string>,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<CannonResult> {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost')
    throw new Error(`Refusing to load anything but loopback: ${url}`);
  const args = [AUTOCANNON, '-c', String(connections), '-d', String(seconds), '--json'];
  for (const [key, value] of Object.entries(headers)) args.push('-H', `${key}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (code !== 0 || !line) {
        reject(new Error(`autocannon ended with ${signal ?? code}: ${stderr.slice(-500)}`));
        return;
      }
      const json = JSON.parse(line) as CannonJson;
      resolve({
        label,
        rps: json.requests.average,
        total: json.requests.total,
        p50: json.latency.p50,
        p99: json.latency.p99,
        errors: json.errors,
        timeouts: json.timeouts,
        non2xx: json.non2xx,
      });
    });
  });
}

/** The floor: a bare Express app (not part of the product) answering `{ok:true}` on loopback. */
export async function startFloorApp(): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function printLoad(results: CannonResult[], floor: CannonResult) {
  const rows = results.map((r) => [
    r.label,
    r.rps.toFixed(0),
    r.total.toLocaleString('en'),
    ms(r.p50),
    ms(r.p99),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    r === floor ? '1.0x (floor)' : ratio(r.rps / floor.rps),
  ]);
  console.log(
    table(
      ['endpoint', 'req/s', 'requests', 'p50 ms', 'p99 ms', 'errors', 'timeouts', 'non-2xx', 'req/s vs floor'],
      rows,
    ),
  );
  const bad = results.filter((r) => r.errors + r.timeouts + r.non2xx > 0);
  console.log(
    bad.length === 0
      ? '  Zero errors, timeouts and non-2xx answers, as expected.'
      : `  UNEXPECTED errors in: ${bad.map((r) => r.label).join(', ')}`,
  );
}
