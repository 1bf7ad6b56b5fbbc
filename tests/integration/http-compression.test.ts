import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/http-server';

// Real HTTP without fetch, which would undo the encoding before the test could see it: the bytes as sent.
let server: RunningServer;
let scriptPath: string;
beforeAll(async () => {
  server = await startServer();
  const shell = await (await fetch(`${server.baseUrl}/login`)).text();
  scriptPath = /src="(\/assets\/[^"]+\.js)"/.exec(shell)![1]!;
});
afterAll(() => server.close());

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.baseUrl}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function decoded(sent: Sent): Buffer {
  switch (sent.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(sent.body);
    case 'gzip':
      return zlib.gunzipSync(sent.body);
    case undefined:
      return sent.body;
    default:
      throw new Error(`Unexpected encoding ${sent.headers['content-encoding']}`);
  }
}

/** What the client says it accepts, and the encoding it must get. */
const ASKS: [string, Record<string, string>, string | undefined][] = [
  ['Brotli or gzip', { 'accept-encoding': 'br, gzip' }, 'br'],
  ['gzip only', { 'accept-encoding': 'gzip' }, 'gzip'],
  ['nothing', {}, undefined],
  ['identity only', { 'accept-encoding': 'identity' }, undefined],
];

const varyOf = (sent: Sent) => String(sent.headers.vary ?? '').toLowerCase();

describe('a built script', () => {
  it.each(ASKS)('asked for with %s, goes out as its prebuilt copy, byte for byte', async (_label, ask, encoding) => {
    const plain = await get(scriptPath);
    const sent = await get(scriptPath, ask);
    expect(sent.status).toBe(200);
    expect(sent.headers['content-encoding']).toBe(encoding);
    expect(varyOf(sent)).toContain('accept-encoding');
    expect(sent.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(sent.headers['content-type']).toMatch(/^text\/javascript/i);
    // Sent whole from a file: its length is known, unlike a dynamic answer's.
    expect(Number(sent.headers['content-length'])).toBe(sent.body.length);
    expect(decoded(sent).equals(plain.body)).toBe(true);
    if (encoding) expect(sent.body.length).toBeLessThan(plain.body.length / 2);
  });
});

describe('a large API answer', () => {
  it.each(ASKS)('asked for with %s, is compressed as it is sent, byte for byte', async (_label, ask, encoding) => {
    const plain = await get('/trpc/practice.list');
    const sent = await get('/trpc/practice.list', ask);
    expect(sent.status).toBe(200);
    expect(plain.body.length).toBeGreaterThan(10_000);
    expect(sent.headers['content-encoding']).toBe(encoding);
    expect(varyOf(sent)).toContain('accept-encoding');
    expect(sent.headers['cache-control']).toBe('no-store');
    expect(decoded(sent).equals(plain.body)).toBe(true);
    expect(JSON.parse(decoded(sent).toString('utf8'))).toHaveProperty('result.data');
    if (encoding) expect(sent.body.length).toBeLessThan(plain.body.length / 2);
  });
});

describe('other answers', () => {
  it('the app page goes out compressed, with its own headers', async () => {
    const plain = await get('/login', { accept: 'text/html' });
    const sent = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip' });
    expect(sent.headers['content-encoding']).toBe('gzip');
    expect(sent.headers['cache-control']).toBe('no-cache');
    expect(sent.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
    expect(decoded(sent).equals(plain.body)).toBe(true);
  });

  it('the service worker goes out compressed and is still revalidated on every visit', async () => {
    const plain = await get('/sw.js');
    const sent = await get('/sw.js', { 'accept-encoding': 'br, gzip' });
    expect(sent.headers['content-encoding']).toBe('br');
    expect(sent.headers['cache-control']).toBe('no-cache');
    expect(sent.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(decoded(sent).equals(plain.body)).toBe(true);
  });

  it.each([
    ['a small API answer', '/trpc/auth.me'],
    ['the health check', '/healthz'],
    ['an unknown address', '/no/such/thing'],
  ])('%s goes out uncompressed', async (_label, path) => {
    const sent = await get(path, { accept: 'application/json', 'accept-encoding': 'br, gzip' });
    expect(sent.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(sent.body.toString('utf8'))).toBeTruthy();
  });

  it('a HEAD request gets no encoded body', async () => {
    const sent = await get(scriptPath, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(sent.status).toBe(200);
    expect(sent.body.length).toBe(0);
    const page = await get('/login', { accept: 'text/html', 'accept-encoding': 'gzip' }, 'HEAD');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
  });
});
