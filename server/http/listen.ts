import http, { type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import { ipKeyGenerator } from 'express-rate-limit';

/**
 * How long a client may take, and how many may be connected at once. A socket that dribbles its headers, or sits
 * idle, holds memory and a file descriptor; these bound how long and how many.
 */
export const HTTP_LIMITS = {
  /** Every browser sends its headers in one packet; ten seconds is generous on the worst mobile link. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included: a 32 MiB import needs a little over 2 Mbit/s to arrive in time. */
  requestTimeoutMs: 120_000,
  /** Node's own default, said out loud: an idle keep-alive socket closes after this. */
  keepAliveTimeoutMs: 5_000,
  /** Well above what the people of one server open, well below the process's file descriptors. */
  maxConnections: 1_000,
  /**
   * Connections one client address may hold (an IPv6 /56 counts as one, as express-rate-limit groups them), so that
   * no single client can take every connection there is: a browser opens about six, and a whole office behind one
   * address many times that.
   */
  maxConnectionsPerAddress: 256,
  /** How often Node looks for sockets past those timeouts; its default of 30 s would let them linger that long. */
  connectionsCheckingIntervalMs: 1_000,
} as const;

export interface HttpServerOptions {
  /**
   * Count connections per client address. Off behind a reverse proxy (every connection comes from the proxy, which
   * must do this itself) and when per-address limits are turned off.
   */
  capPerAddress: boolean;
}

/** The HTTP server `npm start` runs, with the limits above; tests serve the app through it too. */
export function createHttpServer(
  app: RequestListener,
  options: HttpServerOptions = { capPerAddress: true },
): http.Server {
  const server = http.createServer(
    {
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: HTTP_LIMITS.connectionsCheckingIntervalMs,
    },
    app,
  );
  server.maxConnections = HTTP_LIMITS.maxConnections;
  if (options.capPerAddress) server.on('connection', perAddressCap(HTTP_LIMITS.maxConnectionsPerAddress));
  return server;
}

/** Drops a new connection at once when its address already holds `limit` of them. */
function perAddressCap(limit: number): (socket: Socket) => void {
  const open = new Map<string, number>();
  return (socket) => {
    const address = socket.remoteAddress;
    if (!address) return socket.destroy();
    const key = ipKeyGenerator(address);
    const held = open.get(key) ?? 0;
    if (held >= limit) return socket.destroy();
    open.set(key, held + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  };
}
