import type { AnyTRPCRouter } from '@trpc/server';
import { resolveResponse, type HTTPErrorHandler, type ResponseMetaFn } from '@trpc/server/http';
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';
import { proceduresOf } from './request-guards';

export interface OnePieceHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  createContext: (opts: { req: ExpressRequest; res: ExpressResponse }) => Promise<unknown>;
  maxBatchSize: number;
  onError: HTTPErrorHandler<TRouter, ExpressRequest>;
  responseMeta?: ResponseMetaFn<TRouter>;
  /** The largest POST body this path reads; a larger or unsized one goes to the stock adapter. */
  maxBodySize: number;
  /**
   * Whether a POST calling these procedures (as tRPC reads them: decoded, comma-separated) stays with the stock
   * adapter: the import, which has its own limit and slots.
   */
  leaveToAdapter: (procedures: string[]) => boolean;
}

/**
 * tRPC calls answered through tRPC's own `resolveResponse`, read and written in one piece: GET requests (queries),
 * and POST requests (mutations) whose body says its size and is small.
 *
 * tRPC's Express adapter wraps every request in an abortable Fetch Request, streams its body in through a
 * ReadableStream and pipes the answer out through Web streams. On Node 20 that fixed cost is a large part of a small
 * call. Measured 2026-12-02 (one connection, this path against the adapter alone, three rounds each): a five-year
 * `dashboard.get` takes 6.6 ms instead of 7.9 ms. For mutations, measured 2026-12-04 (4,000 `reminder.set` calls, three
 * alternating rounds): about 8% less server CPU a call (docs/decisions.md). `tests/integration/trpc-one-piece-handler.test.ts` holds this path to answering byte for byte
 * as the adapter does. Our answers are plain JSON (no subscriptions, no streamed batches), and a body of at most
 * `maxBodySize` bytes is read whole before tRPC sees it, as the adapter would read it chunk by chunk. Routing,
 * validation, batching, errors and their shapes are tRPC's, unchanged. Whatever this path does not take (other
 * methods, a chunked or empty body, one over the limit, the import) falls through to the stock adapter, which answers
 * those edges as it always has.
 */
export function trpcOnePieceHandler<TRouter extends AnyTRPCRouter>(
  options: OnePieceHandlerOptions<TRouter>,
): RequestHandler {
  return (req, res, next) => {
    // The same procedure path the stock adapter reads: whatever follows the last slash.
    const path = req.path.slice(req.path.lastIndexOf('/') + 1);
    // Decoded as tRPC will decode it, so that no spelling of a procedure (`%61ccount.import`) passes for another.
    const procedures = proceduresOf(req.path);
    const bodyBytes =
      req.method === 'POST' && procedures !== null && !options.leaveToAdapter(procedures)
        ? sizedBody(req, options.maxBodySize)
        : null;
    if (req.method !== 'GET' && bodyBytes === null) {
      next();
      return;
    }
    const url = parseUrl(req.originalUrl);
    if (!url) {
      // An address the URL parser refuses: let the stock adapter answer it with tRPC's own 400.
      next();
      return;
    }
    const answer = async (body: Uint8Array<ArrayBuffer> | null) => {
      const request = new Request(url, { method: req.method, headers: fetchHeaders(req), body });
      const response = await resolveResponse({
        router: options.router,
        req: request,
        path,
        // An error raised before tRPC runs; there is none on this path.
        error: null,
        createContext: () => options.createContext({ req, res }),
        maxBatchSize: options.maxBatchSize,
        responseMeta: options.responseMeta,
        onError: (o) => options.onError({ ...o, req }),
      });
      // As the stock adapter writes them: a status set before tRPC answered stays, and each cookie is its own header
      // (`forEach` would give them one by one, each replacing the last).
      if (res.statusCode === 200) res.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') res.setHeader(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader('set-cookie', cookies);
      res.end(Buffer.from(await response.arrayBuffer()));
    };
    const body = bodyBytes === null ? Promise.resolve(null) : readWhole(req, bodyBytes);
    body
      .then((bytes) => {
        // A client that went away while sending has no one left to answer.
        if (bodyBytes !== null && bytes === null) return;
        return answer(bytes);
      })
      .catch(next);
  };
}

/** The body's size when the request says it and it is between 1 byte and `limit`; otherwise null. */
function sizedBody(req: ExpressRequest, limit: number): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null;
  const declared = req.headers['content-length'];
  if (declared === undefined || !/^\d{1,9}$/.test(declared)) return null;
  const bytes = Number(declared);
  return bytes > 0 && bytes <= limit ? bytes : null;
}

/**
 * The whole body of the declared `bytes`, or null when the request ends early (the client went away). Node's parser
 * never hands over more than the declared length, so the size was settled by `sizedBody`.
 */
function readWhole(req: ExpressRequest, bytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  return new Promise((resolve) => {
    // Gone already (while a limiter before this waited): its 'close' has passed, and no 'end' will come.
    if (req.destroyed) {
      resolve(null);
      return;
    }
    // Held as they come, not set aside at the declared size: a client that declares 256 KiB and sends nothing holds
    // no memory for it.
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Never expected (see above); if it were, the request ends here rather than be read past its limit.
      if (received > bytes) {
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      const whole = new Uint8Array(received);
      let at = 0;
      for (const chunk of chunks) {
        whole.set(chunk, at);
        at += chunk.length;
      }
      resolve(whole);
    });
    // After 'end' this resolves nothing: a promise keeps its first value.
    req.once('close', () => resolve(null));
    req.once('error', () => resolve(null));
  });
}

function parseUrl(address: string): URL | null {
  try {
    return new URL(address, 'http://localhost');
  } catch {
    return null;
  }
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.startsWith(':') || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(key, item);
    else headers.append(key, value);
  }
  return headers;
}
