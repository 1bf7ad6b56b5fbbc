import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built client. Hashed assets are cached for a year; every other GET that is not an API or a file
 * gets index.html, so every page address loads on a full page load.
 */
export function spaRouter(clientDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.use(express.static(clientDir, { index: false }));
  router.get('/{*page}', (req, res, next) => {
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
