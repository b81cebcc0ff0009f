import { checkFailureReasons, errorCodes } from '@openesia/contracts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorText } from './ru';

/** Every file under a folder, for reading the codes that source code hands to people. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const root = join(import.meta.dirname, '../../../..');

/**
 * Field codes as the code writes them: zod refusals (`{ error: 'code' }`, `message: 'code'`) in
 * the contracts, and `fieldError('path', 'code')` in the server.
 */
function fieldCodesInSource(): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\berror:\s*'([a-z_]+(?:\.[a-z_]+)*)'/g,
    /\bmessage:\s*'([a-z_]+(?:\.[a-z_]+)*)'/g,
    /fieldError\(\s*'[^']*',\s*'([a-z_]+(?:\.[a-z_]+)*)'/g,
  ];
  // The ESIA-compatible interface answers other systems in OAuth's and ESIA's codes
  // (`invalid_grant`, ESIA-007014): never shown by the web app, so no Russian text of ours.
  const protocolErrors = join(root, 'packages/server/src/esia');
  for (const file of [
    ...sources(join(root, 'packages/contracts/src')),
    ...sources(join(root, 'packages/server/src')).filter((f) => !f.startsWith(protocolErrors)),
  ]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]);
  }
  return found;
}

describe('Russian texts', () => {
  it('exist for every API error code', () => {
    expect(errorCodes.filter((code) => !errorText[code])).toEqual([]);
  });

  it('exist for every reason a registry check can fail', () => {
    expect(checkFailureReasons.filter((code) => !errorText[code])).toEqual([]);
  });

  it('exist for every field code the contracts and the server hand out', () => {
    const codes = fieldCodesInSource();
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((code) => !errorText[code]).sort()).toEqual([]);
  });
});
