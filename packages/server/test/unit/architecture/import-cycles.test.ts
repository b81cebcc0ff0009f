import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of a file, type-only and dynamic ones included: a loop of types is a loop of design. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

function importGraph(files: string[]): Map<string, string[]> {
  return new Map(files.map((f) => [f, importsOf(f).filter((to) => files.includes(to))]));
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
