import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The package's main entry goes into the web bundle: none of its modules may import a Node builtin
 * or lean on Buffer, which exist only in Node (Node-only code stays with the server; the tests'
 * OpenSSL helpers live in test-support/, outside src/).
 */
const dir = new URL('.', import.meta.url).pathname;
const sources = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('the browser entry of @openesia/pki', () => {
  it.each(sources)('%s imports no Node builtin and uses no Buffer', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    expect(text).not.toMatch(/from ['"](node:|fs['"]|crypto['"]|path['"]|worker_threads)/);
    expect(text).not.toMatch(/\bBuffer\./);
    expect(text).not.toMatch(/\bprocess\./);
  });

  it('reaches every module from index.ts', () => {
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    for (const name of sources.filter((n) => n !== 'index.ts'))
      expect(index).toContain(`'./${name.replace(/\.ts$/, '.js')}'`);
  });
});
