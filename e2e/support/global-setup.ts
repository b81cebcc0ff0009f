import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Browser tests run against the built web app: rebuild it when its sources changed. */
export default function setup() {
  const root = join(import.meta.dirname, '../..');
  execFileSync(process.execPath, [join(root, 'scripts/build-web.mjs'), '--if-stale'], { stdio: 'inherit' });
}
