import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * OpenSSL with Debian's gost engine (libengine-gost-openssl) as the tests' independent oracle: the
 * one copy of finding the engine and of the config that loads it, for the server's and the
 * browser's tests. Node-only; never imported by application code.
 */

/** The gost engine's shared object where OpenSSL looks for engines, or null without it. */
export function opensslGostEngine(): string | null {
  try {
    const dir = execFileSync('openssl', ['version', '-e'], { encoding: 'utf8' }).match(
      /ENGINESDIR: "(.*)"/,
    )?.[1];
    return dir && existsSync(join(dir, 'gost.so')) ? join(dir, 'gost.so') : null;
  } catch {
    return null;
  }
}

export const hasOpensslGostEngine = () => opensslGostEngine() !== null;

/**
 * Writes `engine.cnf` into `dir`, loading the gost engine for every algorithm, with `extra` config
 * sections appended; returns its path, for `OPENSSL_CONF`.
 */
export function writeOpensslGostConfig(dir: string, engine: string, extra = ''): string {
  const path = join(dir, 'engine.cnf');
  writeFileSync(
    path,
    `openssl_conf = openssl_def\n[openssl_def]\nengines = engine_section\n[engine_section]\ngost = gost_section\n[gost_section]\nengine_id = gost\ndynamic_path = ${engine}\ndefault_algorithms = ALL\n${extra}`,
  );
  return path;
}

/** `openssl …` with the gost engine config, stdout as text; throws on a non-zero exit. */
export function opensslWith(config: string, cwd?: string) {
  return (...args: string[]): string =>
    execFileSync('openssl', args, {
      env: { ...process.env, OPENSSL_CONF: config },
      encoding: 'utf8',
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
}
