/**
 * Module hooks that let Node 20 (which cannot run TypeScript) run the chaos CLI from
 * the same .ts modules the tests run: workspace packages resolve to their sources
 * (the "source" export condition, as in vitest.config.ts), `./x.js` imports from a
 * .ts file find `./x.ts`, and .ts files are transpiled one by one with the project's
 * own TypeScript (no type checking here: `npm run typecheck` does that).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
  inlineSourceMap: true,
  inlineSources: true,
};

const ours = (url) => url?.startsWith('file:') && !url.includes('/node_modules/');

export async function resolve(specifier, context, nextResolve) {
  if (/^(\.|\/|file:)/.test(specifier) && specifier.endsWith('.js') && ours(context.parentURL) && context.parentURL.endsWith('.ts')) {
    const url = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (fs.existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  if (specifier.startsWith('@kefu/')) return nextResolve(specifier, { ...context, conditions: ['source', ...context.conditions] });
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts') || !ours(url)) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const { outputText } = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), { fileName, compilerOptions: COMPILER_OPTIONS });
  return { format: 'module', source: outputText, shortCircuit: true };
}
