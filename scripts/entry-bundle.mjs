/**
 * One bundle per TypeScript entry (the server, the admin and backup commands): Tandem's own modules in one ES module,
 * built by esbuild, with every package left to Node to load as it is.
 *
 * Why: loading some 300 TypeScript modules through tsx's hooks took most of a start. Measured 2026-12-03 (2 cores,
 * three starts each, spawn to the first answer): 2.7 s and 3.9 s of CPU through tsx, 1.3 s and 1.5 s of CPU from the
 * bundle. The test suite starts about ninety such processes, and WEB_CONCURRENCY starts one per worker.
 *
 * A bundle is used only while it matches its sources: beside it lies the list of every file that went into it, with
 * each one's size and modification time. A start checks that list (a few hundred `stat` calls, a few milliseconds)
 * and builds again when anything differs, so an edited, pulled or checked-out source is never run stale.
 * `npm run build` makes every bundle ahead (scripts/build-bundles.mjs), so that a start need not write at all.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

/** The entries run through scripts/launch.mjs: `npm start`, `npm run admin`, `npm run backup`. */
export const ENTRIES = ['server/index.ts', 'scripts/admin.ts', 'scripts/backup.ts'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'bundles');
/** Files that shape every bundle without being part of one: the aliases, and how bundles are built. */
const BUILD_INPUTS = ['tsconfig.json', path.relative(ROOT, fileURLToPath(import.meta.url))];

/**
 * The path of the current bundle of `entry` (a path from the project's root, such as `server/index.ts`), built first
 * when it is missing or its sources changed.
 */
export async function entryBundle(entry) {
  const out = path.join(OUT_DIR, entry.replace(/\.ts$/, '.mjs'));
  const inputsFile = `${out}.inputs.json`;
  if (!isCurrent(inputsFile)) await bundle(entry, out, inputsFile);
  return out;
}

function isCurrent(inputsFile) {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  if (recorded.esbuild !== esbuildVersion || typeof recorded.files !== 'object') return false;
  return Object.entries(recorded.files).every(([file, stamp]) => sameStamp(stampOf(file), stamp));
}

/** Size and modification time: what `make` and most build tools trust, compared for equality, not order. */
function stampOf(file) {
  try {
    const stat = fs.statSync(path.join(ROOT, file));
    return [stat.size, stat.mtimeMs];
  } catch {
    return null;
  }
}

function sameStamp(a, b) {
  return Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
}

async function bundle(entry, out, inputsFile) {
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages load from node_modules as Node loads them: native addons, and no copy of anyone else's code.
    packages: 'external',
    tsconfig: 'tsconfig.json',
    // Class and function names stay as written, whatever two modules happen to share.
    keepNames: true,
    // For NODE_OPTIONS=--enable-source-maps, which makes stack traces name the TypeScript files and lines.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const files = [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS];
  const stamps = Object.fromEntries(files.map((file) => [file, stampOf(file)]));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Each file is written under a name of its own and then renamed into place, so that a process starting at the same
  // moment (two servers, or a cluster's workers) reads a whole file, old or new, never half of one. The map goes first,
  // the list last: a list never speaks for a bundle that is not yet in place.
  for (const file of result.outputFiles.sort((a, b) =>
    a.path.endsWith('.map') ? -1 : b.path.endsWith('.map') ? 1 : 0,
  )) {
    writeInPlace(file.path, file.contents);
  }
  // A source saved while the build read it may be in the bundle in its old form: then no list is kept, and the next
  // start builds again.
  const editedMeanwhile = Object.values(stamps).some((stamp) => stamp === null || stamp[1] >= startedAt);
  if (!editedMeanwhile) writeInPlace(inputsFile, JSON.stringify({ esbuild: esbuildVersion, files: stamps }));
}

function writeInPlace(file, contents) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
