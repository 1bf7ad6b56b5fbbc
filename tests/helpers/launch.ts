/**
 * The arguments to Node.js that run one of Tandem's entries as `npm start`, `npm run admin` and `npm run backup` do:
 * through scripts/launch.mjs, from its bundle.
 */
export function launchArgs(entry: 'server/index.ts' | 'scripts/admin.ts' | 'scripts/backup.ts', ...args: string[]) {
  return ['scripts/launch.mjs', entry, ...args];
}
