/**
 * One bundle per TypeScript entry (the server, the admin and backup commands): Tandem's own modules in one ES module,
 * built by esbuild, with every package left to Node to load as it is.
 *
 * Why: loading some 200 TypeScript modules and every package module through tsx's hooks took most of a start. Measured
 * 2026-12-03 (2 cores, three starts each, spawn to the first answer): 2.7 s and 3.9 s of CPU through tsx, 1.3 to 1.8 s
 * and 1.5 to 1.9 s of CPU from the bundle. The test suite starts about ninety such processes, and WEB_CONCURRENCY
 * starts one per worker.
 *
 * A bundle runs only while it is what its sources make. Beside it lies a list: a hash of every file as esbuild read it
 * (exactly the text that was compiled), and a hash of the bundle the list describes. A start hashes them again (under
 * a megabyte, about 10 ms) and builds again when anything differs: a source edited, pulled or checked out, even during
 * a build or with its old size and time kept, and a bundle that another build put in place. `npm run build` makes every
 * bundle ahead (scripts/build-bundles.mjs), so that a start need not write at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop, version as esbuildVersion } from 'esbuild';

/** The entries run through scripts/launch.mjs: `npm start`, `npm run admin`, `npm run backup`. */
export const ENTRIES = ['server/index.ts', 'scripts/admin.ts', 'scripts/backup.ts'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'bundles');
/** Files that shape every bundle without being part of one: the aliases, and how bundles are built. */
const BUILD_INPUTS = ['tsconfig.json', path.relative(ROOT, fileURLToPath(import.meta.url))];
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.json': 'json' };

/**
 * The path of the current bundle of `entry` (a path from the project's root, such as `server/index.ts`), built first
 * when it is missing or no longer what its sources make. Throws EACCES, EPERM or EROFS when it must be built and its
 * folder cannot be written, and esbuild's error when a source does not compile.
 */
export async function entryBundle(entry) {
  const out = path.join(OUT_DIR, entry.replace(/\.ts$/, '.mjs'));
  const listFile = `${out}.inputs.json`;
  if (!isCurrent(out, listFile)) await bundle(entry, out, listFile);
  return out;
}

function hashOf(contents) {
  return createHash('sha1').update(contents).digest('base64url');
}

/** The hash of a file's contents, or null when it cannot be read (gone). */
function hashOfFile(file) {
  try {
    return hashOf(fs.readFileSync(file));
  } catch {
    return null;
  }
}

function isCurrent(out, listFile) {
  let list;
  try {
    list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  } catch {
    return false;
  }
  if (list.esbuild !== esbuildVersion || typeof list.files !== 'object' || hashOfFile(out) !== list.bundle)
    return false;
  return Object.entries(list.files).every(([file, hash]) => hashOfFile(path.join(ROOT, file)) === hash);
}

async function bundle(entry, out, listFile) {
  // Fail before the work when the folder cannot be written: the launcher then runs the sources through tsx.
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.accessSync(path.dirname(out), fs.constants.W_OK);
  const files = Object.fromEntries(BUILD_INPUTS.map((file) => [file, hashOfFile(path.join(ROOT, file))]));
  // Every source is read here, so that its hash is that of the very text compiled.
  const recordSources = {
    name: 'record-sources',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.([cm]?[jt]s|tsx|json)$/ }, async (args) => {
        const contents = await fs.promises.readFile(args.path);
        files[path.relative(ROOT, args.path).split(path.sep).join('/')] = hashOf(contents);
        return { contents, loader: LOADERS[path.extname(args.path)] ?? 'js' };
      });
    },
  };
  let result;
  try {
    result = await build({
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
      plugins: [recordSources],
      write: false,
      logLevel: 'silent',
    });
  } finally {
    // esbuild's helper process is not needed once the bundle is made.
    await stop();
  }
  // Each file is written under a name of its own and then renamed into place, so that a process starting at the same
  // moment (two servers, or a cluster's workers) reads a whole file, old or new, never half of one. The list goes
  // last and names the bundle it describes by its hash: a list beside another build's bundle is not current.
  const bundleFile = result.outputFiles.find((file) => file.path === out);
  for (const file of result.outputFiles) if (file !== bundleFile) writeInPlace(file.path, file.contents);
  writeInPlace(out, bundleFile.contents);
  writeInPlace(listFile, JSON.stringify({ esbuild: esbuildVersion, bundle: hashOf(bundleFile.contents), files }));
}

function writeInPlace(file, contents) {
  const temporary = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
