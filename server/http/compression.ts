import zlib from 'node:zlib';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import type { RequestHandler } from 'express';

/** Below this, an answer fits in a packet or two either way: compressing it costs CPU and saves no round trip. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * Answers built per request (tRPC answers, index.html, the service worker): Brotli or gzip as the client asks, none
 * when it does not ask. Brotli at quality 5, not the package's 4: measured 2026-12-02 on `practice.list` (20,517
 * bytes), quality 4 gave 7,351 bytes in 0.31 ms, larger than gzip's 7,249 in 0.33 ms; quality 5 gives 7,004 in 0.45 ms.
 * Answers below the threshold, HEAD requests, answers marked `no-transform` and types that do not compress (images)
 * go out as they are; every compressible answer says `Vary: Accept-Encoding`, compressed or not, so a shared cache keeps
 * the variants apart.
 *
 * Compressing an answer that holds a secret next to text an attacker chose leaks the secret through its length
 * (BREACH). The API refuses cross-site requests (server/http/request-guards.ts), so no other site can make a browser
 * send them.
 */
export function compressDynamic(): RequestHandler {
  return compression({
    threshold: COMPRESS_ABOVE_BYTES,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
}

/**
 * The built files under `dir`, each sent as the Brotli or gzip copy vite-plugin-compression2 wrote beside it
 * (`.br`, `.gz`) when the client accepts one, Brotli first, with `Content-Encoding` and `Vary: Accept-Encoding`;
 * otherwise the original. The copies are listed once, when the server starts: files of a build made while it runs go
 * out uncompressed, still correct, until the next start.
 */
export function precompressedStatic(dir: string, options: expressStaticGzip.ExpressStaticGzipOptions['serveStatic']) {
  return expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: options,
  });
}
