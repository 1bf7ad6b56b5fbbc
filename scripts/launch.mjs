/**
 * Runs one of Tandem's TypeScript entries with plain Node.js, from its bundle (entry-bundle.mjs): `npm start` runs
 * `server/index.ts` through here, `npm run admin` and `npm run backup` their scripts.
 * Usage: node scripts/launch.mjs <entry.ts> [arguments…]
 */
import cluster from 'node:cluster';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENTRIES, entryBundle } from './entry-bundle.mjs';

const [entry, ...rest] = process.argv.slice(2);
if (!ENTRIES.includes(entry)) {
  process.stderr.write(`Usage: node scripts/launch.mjs <${ENTRIES.join(' | ')}> [arguments…]\n`);
  process.exit(2);
}
// The entry reads its own arguments from process.argv[2] on, as when it is run directly.
process.argv.splice(2, 1);
// WEB_CONCURRENCY's workers are forks of this process: each runs this file again, and must be told the entry.
if (cluster.isPrimary) cluster.setupPrimary({ args: [entry, ...rest] });
// Stack traces name the bundle's lines, and its functions by their own names. Source maps are left off: with them on,
// every error that reads its stack (a PostgreSQL transaction retried after a serialization failure, for one) maps each
// frame through the map; in a test that kills and restarts the server under six writers, that cost two thirds of the
// check-ins. NODE_OPTIONS=--enable-source-maps turns them on, with the map that lies beside each bundle.

await import(await runnable(entry));

/**
 * The bundle's address; or, where it is out of date and cannot be written (a folder mounted read-only, another user's
 * checkout), the TypeScript itself through tsx, as before bundles: slower to start, and the same code.
 */
async function runnable(entry) {
  try {
    return pathToFileURL(await entryBundle(entry)).href;
  } catch (error) {
    // A source that does not compile: esbuild's message names the file, line and problem; its stack adds nothing.
    if (Array.isArray(error?.errors)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if (!['EACCES', 'EPERM', 'EROFS'].includes(error?.code)) throw error;
    process.stderr.write(
      `Cannot write the bundle of ${entry} (${error.code}); running it through tsx instead. ` +
        'Run `npm run build` where the folder is writable to start faster.\n',
    );
    const { register } = await import('tsx/esm/api');
    register();
    return pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', entry)).href;
  }
}
