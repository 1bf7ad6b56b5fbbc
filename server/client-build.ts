import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { processLogger } from './observability/process-logger';

/**
 * A fresh clone has no client build: `npm start`, the browser tests and the bench each make one before they need it.
 * Vite runs in a process of its own, so the one that asked keeps none of the bundler in memory afterwards. Returns when
 * the build in `clientDir` was made.
 */
export async function ensureClientBuild(clientDir: string): Promise<Date> {
  const index = path.join(clientDir, 'index.html');
  // A build from before the offline app has no service worker: it is made again rather than served without one.
  if (!fs.existsSync(index) || !fs.existsSync(path.join(clientDir, 'sw.js'))) {
    processLogger().info({ clientDir }, `No client build in ${clientDir}: building it once…`);
    await viteBuild();
    if (!fs.existsSync(index)) throw new Error(`The client build finished, but ${index} is missing.`);
  }
  return fs.statSync(index).mtime;
}

function viteBuild(): Promise<void> {
  // Vite's own launcher, found the way Node finds the package: no shell, and nothing fetched when it is missing.
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`}).`)),
    );
  });
}
