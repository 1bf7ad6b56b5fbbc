import fs from 'node:fs';
import path from 'node:path';

/** The repository's root: lint rules resolve imports from here. */
export const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The path aliases, read from tsconfig.json `paths` (the one place they are declared; Vite, Vitest and tsx read the
 * same file): `#server/*` -> `<root>/server/`.
 * @type {[prefix: string, dir: string][]}
 */
export const ALIASES = Object.entries(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')).compilerOptions.paths ?? {},
).map(([pattern, [target]]) => [pattern.replace(/\*$/, ''), path.join(ROOT, target.replace(/\*$/, ''))]);

/**
 * The project file an import names (relative or through an alias), or null for a package or a file not in `known`.
 * @param {string} from @param {string} specifier @param {Set<string>} known
 */
export function resolveImport(from, specifier, known) {
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  let base;
  if (alias) base = path.join(alias[1], specifier.slice(alias[0].length));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}

/**
 * How a file should be named from elsewhere through its alias (`#server/db/database`), or null when no alias covers it.
 * @param {string} file
 */
export function aliasFor(file) {
  const alias = ALIASES.find(([, dir]) => file.startsWith(dir));
  if (!alias) return null;
  return `${alias[0]}${path.relative(alias[1], file).split(path.sep).join('/')}`.replace(/(\/index)?\.tsx?$/, '');
}
