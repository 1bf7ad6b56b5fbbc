import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchArgs } from '../helpers/launch';

const ADMIN_BUNDLE = path.resolve('dist/bundles/scripts/admin.mjs');
const ADMIN_INPUTS = `${ADMIN_BUNDLE}.inputs.json`;

interface Inputs {
  esbuild: string;
  files: Record<string, [number, number]>;
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

describe('scripts/launch.mjs', () => {
  // That an entry gets its own arguments is shown where they matter: admin-status.test.ts, backup.test.ts.
  it('runs an entry from a bundle whose recorded sources match the files', async () => {
    const run = await launch(launchArgs('scripts/admin.ts'));
    expect(run.code).toBe(2);
    expect(run.output).toContain('Usage: npm run admin -- reset-password <email>');
    const { files } = readInputs();
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['scripts/admin.ts', 'server/env.ts', 'tsconfig.json', 'scripts/entry-bundle.mjs']),
    );
    // No package's code is in the bundle: Node loads packages from node_modules.
    expect(Object.keys(files).filter((file) => file.includes('node_modules'))).toEqual([]);
    for (const [file, [size, mtimeMs]] of Object.entries(files)) {
      const stat = fs.statSync(file);
      expect([stat.size, stat.mtimeMs], file).toEqual([size, mtimeMs]);
    }
  }, 30_000);

  it('builds the bundle again when a source differs from what the bundle was made from', async () => {
    await launch(launchArgs('scripts/admin.ts'));
    const inputs = readInputs();
    const [size, mtimeMs] = inputs.files['server/env.ts']!;
    // As if server/env.ts had been edited since: its recorded size no longer matches the file.
    fs.writeFileSync(
      ADMIN_INPUTS,
      JSON.stringify({ ...inputs, files: { ...inputs.files, 'server/env.ts': [size + 1, mtimeMs] } }),
    );
    const builtBefore = fs.statSync(ADMIN_BUNDLE).mtimeMs;

    const run = await launch(launchArgs('scripts/admin.ts'));
    expect(run.code).toBe(2);
    expect(run.output).toContain('Usage: npm run admin');
    expect(fs.statSync(ADMIN_BUNDLE).mtimeMs).toBeGreaterThan(builtBefore);
    expect(readInputs().files['server/env.ts']).toEqual([size, mtimeMs]);
    // Nothing is left half-written beside the bundle.
    expect(fs.readdirSync(path.dirname(ADMIN_BUNDLE)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('refuses an entry it does not run, and names those it does', async () => {
    const run = await launch(['scripts/launch.mjs', 'server/app.ts']);
    expect(run.code).toBe(2);
    expect(run.output).toContain(
      'Usage: node scripts/launch.mjs <server/index.ts | scripts/admin.ts | scripts/backup.ts>',
    );
  });
});
