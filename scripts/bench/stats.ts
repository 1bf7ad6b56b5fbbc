import http from 'node:http';
import os from 'node:os';

export interface Summary {
  n: number;
  median: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentiles: with 300 samples the p99 is the third slowest, not an interpolation. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, p99: NaN, mean: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { n: sorted.length, median: rank(50), p99: rank(99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

export const ms = (value: number) =>
  Number.isFinite(value) ? (value >= 10 ? value.toFixed(1) : value.toFixed(2)) : '-';
export const ratio = (value: number) =>
  Number.isFinite(value)
    ? `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2)}x`
    : '-';
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const yesNo = (met: boolean) => (met ? 'met' : 'NOT met');

export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.release()}, load ${load}`;
}

/** A plain-text table with aligned columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export interface HttpAnswer {
  status: number;
  body: Buffer;
}

/**
 * One GET over a keep-alive connection, with a deadline. node:http rather than fetch, so the client adds as little
 * as it can to what is measured, and the same for every endpoint.
 */
export function httpGet(
  agent: http.Agent,
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} took over ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Milliseconds taken by `fn`, from a high-resolution clock. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
