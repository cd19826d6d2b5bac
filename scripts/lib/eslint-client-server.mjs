/**
 * ESLint rule `chartkey/no-server-import-in-client`: client code — files under components/ or hooks/,
 * and any file starting with 'use client' — must not import a module marked `import 'server-only'`.
 * Next.js fails the build on such an import only when the page is built, and only for what a page
 * reaches; this says so in the editor, for every file, naming the module. The marker itself is the
 * list of server modules: marking a module is all it takes to protect it. Type-only imports are
 * erased at compile time, so they are allowed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const CANDIDATE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];
const SERVER_ONLY_MARKER = /^\s*import\s+['"]server-only['"]/m;

/** The repository file an import names, for `@/…` and relative specifiers; null for packages. */
function resolveLocal(specifier, fromFile, root) {
  let base;
  if (specifier.startsWith('@/')) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith('./') || specifier.startsWith('../')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const suffix of CANDIDATE_SUFFIXES) {
    const file = base + suffix;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

// Keyed by modification time too, so an editor's long-running ESLint sees a marker added later.
const markedCache = new Map();
function isServerOnly(file) {
  const key = `${file}:${statSync(file).mtimeMs}`;
  if (!markedCache.has(key)) markedCache.set(key, SERVER_ONLY_MARKER.test(readFileSync(file, 'utf8')));
  return markedCache.get(key);
}

function isClientFile(filename, root, program) {
  const relative = path.relative(root, filename).split(path.sep).join('/');
  if (relative.startsWith('components/') || relative.startsWith('hooks/')) return true;
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'Literal') break;
    if (statement.expression.value === 'use client') return true;
  }
  return false;
}

/** @param {string} root the repository root, which `@/` names */
export function clientServerPlugin(root) {
  return {
    rules: {
      'no-server-import-in-client': {
        meta: {
          type: 'problem',
          docs: { description: 'Client code must not import modules marked server-only.' },
          messages: {
            serverOnly:
              "'{{specifier}}' is server-only (it starts with import 'server-only'); client code must reach it through a route handler or a server component.",
          },
          schema: [],
        },
        create(context) {
          const filename = context.filename;
          let client = false;
          function check(node, source) {
            if (!client || !source || source.type !== 'Literal' || typeof source.value !== 'string') return;
            if (node.importKind === 'type' || node.exportKind === 'type') return;
            const file = resolveLocal(source.value, filename, root);
            if (file && isServerOnly(file)) context.report({ node: source, messageId: 'serverOnly', data: { specifier: source.value } });
          }
          return {
            Program(program) {
              client = isClientFile(filename, root, program);
            },
            ImportDeclaration: (node) => check(node, node.source),
            ExportNamedDeclaration: (node) => check(node, node.source),
            ExportAllDeclaration: (node) => check(node, node.source),
            ImportExpression: (node) => check(node, node.source),
          };
        },
      },
    },
  };
}
