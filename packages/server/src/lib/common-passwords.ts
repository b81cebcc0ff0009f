import { readFileSync } from 'node:fs';
import { canonicalPassword } from '../domain/citizen/password-policy.js';

/** The list the password policy refuses (domain/citizen/common-passwords.txt), read once. */
let cached: ReadonlySet<string> | null = null;

export function commonPasswords(): ReadonlySet<string> {
  if (cached) return cached;
  const text = readFileSync(new URL('../domain/citizen/common-passwords.txt', import.meta.url), 'utf8');
  cached = new Set(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map(canonicalPassword),
  );
  return cached;
}
