import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { compressDynamic, precompressedStatic } from './compression';

/**
 * The files the phone asks for by a fixed name, each with its type. The worker script must never be kept by a browser's
 * or a proxy's cache: a browser checks it for updates on each visit, and a stale copy would keep serving an old
 * app shell. The manifest changes rarely, but is small, so it is revalidated too.
 */
const FIXED_NAME_FILES: Record<string, string> = {
  '/sw.js': 'text/javascript; charset=utf-8',
  '/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
};

/**
 * Serves the built client. Hashed assets are cached for a year, each sent as its prebuilt Brotli or gzip copy when the
 * client accepts one; the service worker and the manifest are revalidated on every use; every other GET that is not an
 * API or a file gets index.html, so every page address loads on a full page load.
 */
export function spaRouter(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    precompressedStatic(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  // The worker script and index.html are compressed as they are sent: sw.js is written after the compression plugin
  // runs, so it has no copies, and both are revalidated on every visit, which mostly ends in a 304 with no body.
  const compress = compressDynamic();
  for (const [urlPath, type] of Object.entries(FIXED_NAME_FILES)) {
    const file = path.join(clientDir, urlPath.slice(1));
    router.get(urlPath, compress, (_req, res, next) => {
      if (!fs.existsSync(file)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.type(type);
      res.sendFile(file, { cacheControl: false });
    });
  }
  router.use(express.static(clientDir, { index: false }));
  router.get('/{*page}', compress, (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text')
        .send('The client has not been built yet. Run `npm run build`, or start with `npm start`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
