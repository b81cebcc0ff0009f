import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's second recommended profile (m = 19 MiB, t = 2, p = 1). The parameters
 * live in the PHC string, so raising them later only needs a re-hash at the next sign-in.
 */
export const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id: a const enum, unreadable under isolatedModules */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash verified when the login does not exist, so "no such account" costs the same time
 * as "wrong password" and answers the same (no account enumeration).
 */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-password-for-timing-equalisation');
  return dummyHash;
}
