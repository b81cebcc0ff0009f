// The server's loader: reads data/regions.json from beside the package once. The browser fetches the
// same file itself and passes it to regionIndex.
import { readFileSync } from 'node:fs';
import { regionIndex, type RegionIndex } from './regions.js';
import type { RegionOutlines } from './types.js';

export function readRegionOutlines(): RegionOutlines {
  return JSON.parse(readFileSync(new URL('../data/regions.json', import.meta.url), 'utf8')) as RegionOutlines;
}

let loaded: RegionIndex | undefined;

/** The index over the committed outlines, built at the first call (about 50 ms) and kept. */
export function loadRegionIndex(): RegionIndex {
  loaded ??= regionIndex(readRegionOutlines());
  return loaded;
}
