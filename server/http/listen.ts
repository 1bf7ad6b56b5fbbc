import http, { type RequestListener } from 'node:http';

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
  /** How often Node looks for sockets past those timeouts; its default of 30 s would let them linger that long. */
  connectionsCheckingIntervalMs: 1_000,
} as const;

/** The HTTP server `npm start` runs, with the limits above; tests serve the app through it too. */
export function createHttpServer(app: RequestListener): http.Server {
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
  return server;
}
