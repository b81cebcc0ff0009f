/**
 * A certification authority's CRL at real size (issue 7 §2): 100,000 revoked entries with reason
 * codes, made by OpenSSL, parsed by offsets and its signature checked (Streebog off the event loop
 * for GOST). Prints time, memory and the longest event-loop stall, and each figure's ratio to its
 * bound (1 s, 50 MB, 100 ms). BENCH_CRL_ENTRIES sets the size; BENCH_RUNS the repetitions.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parseCertificate } from '../packages/server/src/domain/signature/certificate.js';
import { isUsableCrl } from '../packages/server/src/domain/signature/crl.js';
import { loadCrl } from '../packages/server/src/services/signature/crl.js';
import { hasOpensslGostEngine } from '@openesia/pki/test-support';
import { makeOpensslCrl } from '../packages/server/test/support/openssl-crl.js';

const ENTRIES = Number(process.env.BENCH_CRL_ENTRIES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1024 * 1024;

// A full collection before each run, so the memory figure is what the CRL keeps, not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export async function main(): Promise<void> {
  const algorithms = hasOpensslGostEngine() ? (['ecdsa', 'gost2012_256'] as const) : (['ecdsa'] as const);
  if (!hasOpensslGostEngine()) console.log('(no gost engine for openssl: the GOST CRL is left out)');
  for (const algorithm of algorithms) {
    const made = makeOpensslCrl({ entries: ENTRIES, algorithm });
    try {
      const ca = parseCertificate(made.ca);
      for (let run = 1; run <= RUNS; run++) {
        collect();
        const before = process.memoryUsage();
        const loop = monitorEventLoopDelay({ resolution: 10 });
        loop.enable();
        const started = performance.now();
        const crl = await loadCrl(made.crl);
        await yieldToLoop();
        const usable = isUsableCrl(crl, ca, new Date());
        const ms = performance.now() - started;
        loop.disable();
        collect();
        const after = process.memoryUsage();
        if (crl.revoked.size !== ENTRIES) throw new Error('entries lost');
        const extraMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB;
        const stallMs = Math.max(0, loop.max / 1e6 - 10);
        console.log(
          `${algorithm.padEnd(13)} run ${run}: ${(made.crl.length / MB).toFixed(1)} MB, ${crl.revoked.size} entries, usable ${usable}  ` +
            `time ${ms.toFixed(0)} ms (${(ms / 1000).toFixed(2)} of 1 s)  ` +
            `memory +${extraMb.toFixed(1)} MB (${(extraMb / 50).toFixed(2)} of 50 MB)  ` +
            `longest stall ${stallMs.toFixed(0)} ms (${(stallMs / 100).toFixed(2)} of 100 ms)`,
        );
      }
    } finally {
      made.cleanup();
    }
  }
}
