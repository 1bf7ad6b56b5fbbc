import net from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, HTTP_LIMITS } from '#server/http/listen';
import { startServer, type RunningServer } from '../helpers/http-server';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SOCKETS = 200;
/** Some connect and never say a word; the rest send their headers one byte at a time. */
const SILENT = 20;
const BYTE_EVERY_MS = 100;
/** Longer than the headers timeout and Node's check after it, so the server, not the loop, ends each socket. */
const MOST_BYTES = Math.ceil(
  (HTTP_LIMITS.headersTimeoutMs + 3 * HTTP_LIMITS.connectionsCheckingIntervalMs + 15_000) / BYTE_EVERY_MS,
);

interface SlowSocket {
  /** Whether the server closed it before the loop ran out, and what it said first. */
  ended: Promise<{ byServer: boolean; answer: string }>;
  isOpen(): boolean;
}

/** A client that never finishes its request headers. Bounded: it stops by itself after MOST_BYTES. */
function slowSocket(port: number, silent: boolean): SlowSocket {
  const headers = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(MOST_BYTES)}`;
  const socket = net.connect(port, '127.0.0.1');
  let open = true;
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (answer += chunk));
  const ended = new Promise<{ byServer: boolean; answer: string }>((resolve) => {
    let sent = 0;
    let byUs = false;
    const timer = setInterval(() => {
      if (sent >= MOST_BYTES) {
        byUs = true;
        clearInterval(timer);
        socket.destroy();
        return;
      }
      if (!silent) socket.write(headers[sent]!);
      sent++;
    }, BYTE_EVERY_MS);
    // A reset is the server ending it too; the close that follows settles the promise.
    socket.on('error', () => {});
    socket.on('close', () => {
      open = false;
      clearInterval(timer);
      resolve({ byServer: !byUs, answer });
    });
  });
  return { ended, isOpen: () => open };
}

describe('clients that send their headers slowly', () => {
  it(
    `${SOCKETS} of them do not stop /healthz answering, and each is dropped by the headers timeout`,
    async () => {
      server = await startServer({ clientDir: null });
      const port = Number(new URL(server.baseUrl).port);
      const sockets = Array.from({ length: SOCKETS }, (_, i) => slowSocket(port, i < SILENT));
      // Give every socket time to connect and start dribbling.
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      const health = await fetch(`${server.baseUrl}/healthz`);
      const stillOpen = sockets.filter((s) => s.isOpen()).length;
      expect(health.status).toBe(200);
      expect(stillOpen, 'the health check must be answered while the slow sockets hold their connections').toBe(
        SOCKETS,
      );

      const endings = await Promise.all(sockets.map((s) => s.ended));
      expect(endings.filter((e) => e.byServer).length).toBe(SOCKETS);
      const dribblers = endings.slice(SILENT);
      expect(dribblers.every((e) => e.answer.startsWith('HTTP/1.1 408'))).toBe(true);
    },
    MOST_BYTES * BYTE_EVERY_MS + 30_000,
  );
});

/** An idle socket from `from`; settles once it has been connected a moment, or once the server has dropped it. */
function idleSocket(port: number, from: string, opened: net.Socket[]): Promise<'open' | 'dropped'> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from });
    opened.push(socket);
    socket.on('error', () => {});
    socket.on('connect', () => setTimeout(() => resolve(socket.destroyed ? 'dropped' : 'open'), 500));
    socket.on('close', () => resolve('dropped'));
  });
}

describe('one client address holding more connections than the server allows in all', () => {
  it('keeps only its own share, and /healthz still answers another address within a second', async () => {
    server = await startServer({ clientDir: null });
    const port = Number(new URL(server.baseUrl).port);
    const opened: net.Socket[] = [];
    try {
      // Bounded: as many sockets as the server allows in all, and a few more; all destroyed below. Linux routes the
      // whole of 127.0.0.0/8 over loopback, so 127.0.0.2 stands for another client.
      const states = await Promise.all(
        Array.from({ length: HTTP_LIMITS.maxConnections + 20 }, () => idleSocket(port, '127.0.0.2', opened)),
      );
      expect(states.filter((state) => state === 'open').length).toBe(HTTP_LIMITS.maxConnectionsPerAddress);

      const health = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      expect(health.status).toBe(200);
    } finally {
      for (const socket of opened) socket.destroy();
    }
  }, 30_000);
});

describe('the HTTP server', () => {
  it('sets its timeouts and caps its connections, as `npm start` runs it', () => {
    const http = createHttpServer(express());
    expect(http.headersTimeout).toBe(HTTP_LIMITS.headersTimeoutMs);
    expect(http.requestTimeout).toBe(HTTP_LIMITS.requestTimeoutMs);
    expect(http.keepAliveTimeout).toBe(HTTP_LIMITS.keepAliveTimeoutMs);
    expect(http.maxConnections).toBe(HTTP_LIMITS.maxConnections);
    expect(HTTP_LIMITS.maxConnectionsPerAddress).toBeLessThan(HTTP_LIMITS.maxConnections / 2);
    expect(HTTP_LIMITS.maxConnectionsPerAddress).toBeGreaterThan(SOCKETS);
    // Each below Node's defaults (60 s, 300 s, unlimited), and the cap well above the sockets above.
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThan(60_000);
    expect(HTTP_LIMITS.requestTimeoutMs).toBeLessThan(300_000);
    expect(HTTP_LIMITS.maxConnections).toBeGreaterThan(SOCKETS * 2);
  });
});
