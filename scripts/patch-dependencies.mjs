#!/usr/bin/env node
// Corrects a defect of node-gost-crypto 1.0.2 that upstream has not fixed, after every install
// (root `postinstall`). Its modular inverse (lib/gostSign.js, invMod) calls `subtract`, which does
// not exist: whenever the inverse comes out at or above the modulus (about one GOST signature in a
// hundred, depending on the digest), signing throws and a valid signature fails to verify. `sub` is
// the library's own subtraction.
// Idempotent; fails the install if the file is neither the known original nor already corrected.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let file;
try {
  file = join(dirname(require.resolve('node-gost-crypto/package.json')), 'lib', 'gostSign.js');
} catch {
  process.exit(0); // not installed (a partial install, e.g. `npm ci --omit=dev` elsewhere)
}
if (!existsSync(file)) process.exit(0);

const original = `        if (compare(d, m) >= 0)
            return subtract(d, m);
`;
const corrected = `        if (compare(d, m) >= 0)
            return sub(d, m); // openesia: was subtract, which does not exist
`;
const text = readFileSync(file, 'utf8');
if (text.includes(corrected)) process.exit(0);
if (!text.includes(original)) {
  console.error(`patch-dependencies: ${file} is not node-gost-crypto 1.0.2 as known; check invMod by hand`);
  process.exit(1);
}
writeFileSync(file, text.replace(original, corrected));
console.log('patch-dependencies: node-gost-crypto invMod corrected');
