import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = join(import.meta.dirname, '../../../..');
const src = join(packages, 'server/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file, type-only and dynamic ones included: a loop of types is a loop of design. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((spec) => resolve(dirname(file), spec));
}

/** The file an import names: the server and pki write `./x.js`, the web writes `./x` or a folder. */
function resolveImport(target: string, files: Set<string>): string | undefined {
  const base = target.replace(/\.js$/, '');
  const candidates = [target, ...['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext)];
  return candidates.find((c) => files.has(c));
}

function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => [
      f,
      importsOf(f).flatMap((to) => {
        const file = resolveImport(to, known);
        return file ? [file] : [];
      }),
    ]),
  );
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the server source', () => {
  it('has no import loop (services <-> jobs, routes <-> seed <-> system and the like)', () => {
    const cycles = findCycles(importGraph(sourceFiles(src)));
    expect(cycles.map((cycle) => cycle.map((f) => relative(src, f)))).toEqual([]);
  });

  it.each(['web/src', 'pki/src'])('nor has %s (a page and its lazy form, and the like)', (dir) => {
    const root = join(packages, dir);
    const cycles = findCycles(importGraph(sourceFiles(root)));
    expect(cycles.map((cycle) => cycle.map((f) => relative(root, f)))).toEqual([]);
  });

  it('resolves the imports of the web (no extension, a folder) and of the server (.js)', () => {
    const files = new Set(['/w/a.tsx', '/w/lib/index.ts', '/s/b.ts']);
    expect(resolveImport('/w/a', files)).toBe('/w/a.tsx');
    expect(resolveImport('/w/lib', files)).toBe('/w/lib/index.ts');
    expect(resolveImport('/s/b.js', files)).toBe('/s/b.ts');
    expect(resolveImport('/w/styles.css', files)).toBeUndefined();
  });

  it('is checked by a walker that finds a loop, however long, and not a shared import', () => {
    const graph = new Map([
      ['system', ['routes', 'seed']],
      ['routes', ['demo']],
      ['demo', ['seed']],
      ['seed', ['system']],
      ['lib', []],
    ]);
    expect(findCycles(graph)).toEqual([['system', 'routes', 'demo', 'seed', 'system']]);
    expect(
      findCycles(
        new Map([
          ['a', ['lib', 'b']],
          ['b', ['lib']],
          ['lib', []],
        ]),
      ),
    ).toEqual([]);
  });
});
