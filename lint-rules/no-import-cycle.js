import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { aliasFor, resolveImport, ROOT } from './resolve.js';

// Written here rather than taken from eslint-plugin-import-x: its no-cycle passes over `import type`, and a cycle
// made of a type import one way and a value import the other still ties two layers together.

const SOURCE = /\.tsx?$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'data', '.git']);
// One lint run reads every file once; an editor's long-lived ESLint sees other files' edits after this long.
const GRAPH_TTL_MS = 5000;

/** @type {{ builtAt: number; graph: Map<string, string[]>; known: Set<string> } | null} */
let cached = null;

/** @param {string} dir @param {string[]} into */
function listSources(dir, into) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) listSources(path.join(dir, entry.name), into);
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      into.push(path.join(dir, entry.name));
    }
  }
  return into;
}

/** The project files a file imports (type imports, re-exports and dynamic imports included); packages are left out. */
function importsOf(file, text, known) {
  return ts.preProcessFile(text, true, true).importedFiles.flatMap(({ fileName }) => {
    const target = resolveImport(file, fileName, known);
    return target ? [target] : [];
  });
}

function projectGraph() {
  if (cached && Date.now() - cached.builtAt < GRAPH_TTL_MS) return cached;
  const files = listSources(ROOT, []);
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, importsOf(file, fs.readFileSync(file, 'utf8'), known)]));
  cached = { builtAt: Date.now(), graph, known };
  return cached;
}

/** The shortest way back from `start` to `goal`, or null when there is none. */
function pathBack(graph, start, goal) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === goal) {
      const route = [];
      for (let step = file; step !== null; step = cameFrom.get(step)) route.unshift(step);
      return route;
    }
    for (const next of graph.get(file) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

/** Every project file, resolved once per lint run, for the rules that need to know what exists. */
export function projectFiles() {
  return projectGraph().known;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbids imports that lead back to the importing file, type imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{route}}. Move what both sides need to a module of its own.' },
  },
  create(context) {
    const file = context.physicalFilename;
    const { graph, known } = projectGraph();
    if (!graph.has(file)) return {};
    // The file being linted counts as it is now, also when an editor has not saved it yet.
    graph.set(file, importsOf(file, context.sourceCode.text, known));

    function check(node) {
      if (!node.source || typeof node.source.value !== 'string') return;
      const target = resolveImport(file, node.source.value, known);
      const route = target && pathBack(graph, target, file);
      if (!route) return;
      const shown = [file, ...route].map((step) => path.relative(ROOT, step)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { route: shown } });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/**
 * An import that climbs out of its folder (`../`) into code an alias covers names it through the alias instead
 * (`#server/db/database`), so a file reads the same wherever it sits and moving it changes no other line. Imports
 * within a folder and its subfolders (`./`) stay relative. Fixable: `eslint --fix` rewrites them.
 * @type {import('eslint').Rule.RuleModule}
 */
export const aliasAcrossFolders = {
  meta: {
    type: 'suggestion',
    fixable: 'code',
    docs: { description: 'Imports that climb with ../ into an aliased folder use the alias.' },
    schema: [],
    messages: { alias: "Import '{{alias}}' instead of climbing with '{{specifier}}'." },
  },
  create(context) {
    const file = context.physicalFilename;
    const known = projectFiles();
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('../')) return;
      const target = resolveImport(file, specifier, known);
      const alias = target && aliasFor(target);
      if (!alias) return;
      const quote = node.source.raw[0];
      context.report({
        node: node.source,
        messageId: 'alias',
        data: { alias, specifier },
        fix: (fixer) => fixer.replaceText(node.source, `${quote}${alias}${quote}`),
      });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle, 'alias-across-folders': aliasAcrossFolders } };
