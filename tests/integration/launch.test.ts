import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchArgs } from '../helpers/launch';

const ADMIN_BUNDLE = path.resolve('dist/bundles/scripts/admin.mjs');
const ADMIN_INPUTS = `${ADMIN_BUNDLE}.inputs.json`;

interface Inputs {
  esbuild: string;
  /** The hash of the bundle this list describes. */
  bundle: string;
  /** The hash of each file as it was compiled. */
  files: Record<string, string>;
}

/** Runs `node scripts/launch.mjs …args` as `npm run admin` does: its exit code and everything it printed. */
function launch(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, NODE_ENV: 'test' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
    );
  });
}

function readInputs(): Inputs {
  return JSON.parse(fs.readFileSync(ADMIN_INPUTS, 'utf8')) as Inputs;
}

const hashOf = (file: string) => createHash('sha1').update(fs.readFileSync(file)).digest('base64url');

/** The admin command ran from a bundle: with no command, it printed its usage. */
async function expectAdminUsage() {
  const run = await launch(launchArgs('scripts/admin.ts'));
  expect(run.output).toContain('Usage: npm run admin -- reset-password <email>');
  expect(run.code).toBe(2);
}

describe('scripts/launch.mjs', () => {
  // That an entry gets its own arguments is shown where they matter: admin-status.test.ts, backup.test.ts.
  it('runs an entry from a bundle that its listed sources, as they are now, make', async () => {
    await expectAdminUsage();
    const { bundle, files } = readInputs();
    expect(hashOf(ADMIN_BUNDLE)).toBe(bundle);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['scripts/admin.ts', 'server/env.ts', 'tsconfig.json', 'scripts/entry-bundle.mjs']),
    );
    // No package's code is in the bundle: Node loads packages from node_modules.
    expect(Object.keys(files).filter((file) => file.includes('node_modules'))).toEqual([]);
    for (const [file, hash] of Object.entries(files)) expect(hashOf(file), file).toBe(hash);
  }, 30_000);

  it('builds the bundle again when a source is no longer what it was made from', async () => {
    await expectAdminUsage();
    const inputs = readInputs();
    const envHash = inputs.files['server/env.ts'];
    // As if server/env.ts had been edited since: its recorded hash no longer matches the file.
    const edited = { ...inputs, files: { ...inputs.files, 'server/env.ts': 'not-its-hash' } };
    fs.writeFileSync(ADMIN_INPUTS, JSON.stringify(edited));
    const builtBefore = fs.statSync(ADMIN_BUNDLE).mtimeMs;

    await expectAdminUsage();
    expect(fs.statSync(ADMIN_BUNDLE).mtimeMs).toBeGreaterThan(builtBefore);
    expect(readInputs().files['server/env.ts']).toBe(envHash);
  }, 30_000);

  it('builds the bundle again when the one in place is not the one its list describes', async () => {
    await expectAdminUsage();
    // Another build's bundle, put in place after this list was written. (One that still runs: an admin command in
    // another test file may start from it at this moment.)
    const written = fs.readFileSync(ADMIN_BUNDLE, 'utf8');
    fs.writeFileSync(`${ADMIN_BUNDLE}.test`, `${written}// another build\n`);
    fs.renameSync(`${ADMIN_BUNDLE}.test`, ADMIN_BUNDLE);
    await expectAdminUsage();
    expect(fs.readFileSync(ADMIN_BUNDLE, 'utf8')).not.toContain('// another build');
    expect(hashOf(ADMIN_BUNDLE)).toBe(readInputs().bundle);
  }, 30_000);

  it('refuses an entry it does not run, and names those it does', async () => {
    const run = await launch(['scripts/launch.mjs', 'server/app.ts']);
    expect(run.code).toBe(2);
    expect(run.output).toContain(
      'Usage: node scripts/launch.mjs <server/index.ts | scripts/admin.ts | scripts/backup.ts>',
    );
  });
});
