import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';

/**
 * argon2id with OWASP's second recommended profile (m = 19 MiB, t = 2, p = 1). The parameters
 * live in the PHC string, so raising them later only needs a re-hash at the next sign-in.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, unreadable under isolatedModules */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * At most one hash per core at a time. argon2 runs on libuv's thread pool (4 threads by default);
 * more simultaneous 19 MiB hashes than cores only thrash the caches (measured: sign-ins per core
 * went from 0.67 to 0.86 of the argon2 bound), and would leave no pool thread for file I/O.
 */
const slots = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withSlot(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await withSlot(() => verify(phc, password));
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
