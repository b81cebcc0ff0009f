import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { asc } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../db/client.js';
import { auditHead } from '../db/schema/index.js';
import type { ChainAnchor } from './log.js';

/**
 * Checkpoints anchor the audit chains where a database superuser cannot reach: every process
 * writes the heads of all chains (chain, seq, hash), HMAC-signed with AUDIT_KEY, as one line
 * appended to AUDIT_CHECKPOINT_FILE and as one line of its log, every CHECKPOINT_INTERVAL_MS and
 * at shutdown. A chain rewritten below a checkpoint no longer passes through the hash it recorded,
 * and a tail cut below it no longer reaches its seq (verifyAuditChain). Each head is read as
 * committed, so it names an entry that exists.
 *
 * Line: {"at":"…","heads":[[chain,seq,hash],…],"mac":"<HMAC-SHA-256 of the line without mac>"}
 */
export const CHECKPOINT_INTERVAL_MS = 10_000;

export interface Checkpoint {
  at: string;
  heads: [chain: number, seq: number, hash: string][];
}

function macOf(key: Buffer, checkpoint: Checkpoint): string {
  return createHmac('sha256', key)
    .update(JSON.stringify({ at: checkpoint.at, heads: checkpoint.heads }))
    .digest('hex');
}

export function signCheckpoint(key: Buffer, checkpoint: Checkpoint): string {
  return JSON.stringify({ at: checkpoint.at, heads: checkpoint.heads, mac: macOf(key, checkpoint) });
}

export async function readHeads(db: DbOrTx): Promise<Checkpoint['heads']> {
  const rows = await db.select().from(auditHead).orderBy(asc(auditHead.id));
  return rows.map((r) => [r.id, r.seq, r.hash]);
}

/** Reads the heads and appends one signed line to the file and to the log; returns the line. */
export async function writeCheckpoint(
  db: DbOrTx,
  options: { key: Buffer; file: string; logger?: FastifyBaseLogger; now: Date },
): Promise<string> {
  const line = signCheckpoint(options.key, { at: options.now.toISOString(), heads: await readHeads(db) });
  await mkdir(dirname(options.file), { recursive: true });
  // O_APPEND: lines from several processes sharing the file never overwrite each other.
  await appendFile(options.file, `${line}\n`, { flag: 'a' });
  options.logger?.info({ auditCheckpoint: line }, 'audit checkpoint');
  return line;
}

export interface CheckpointFile {
  /** signed lines read */
  lines: number;
  /** 1-based numbers of lines whose MAC does not verify (or that do not parse) */
  invalidLines: number[];
  /** per chain, the highest seq any valid line recorded: it fixes every earlier entry too */
  anchors: ChainAnchor[];
  latestAt: string | null;
}

/** Reads a checkpoint file line by line (it grows without bound; never held whole in memory). */
export async function readCheckpoints(file: string, key: Buffer): Promise<CheckpointFile> {
  const result: CheckpointFile = { lines: 0, invalidLines: [], anchors: [], latestAt: null };
  if (!existsSync(file)) return result;
  const best = new Map<number, ChainAnchor>();
  let n = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++;
    if (!text.trim()) continue;
    result.lines++;
    let parsed: Checkpoint & { mac?: string };
    try {
      parsed = JSON.parse(text);
    } catch {
      result.invalidLines.push(n);
      continue;
    }
    const mac = Buffer.from(String(parsed.mac ?? ''), 'hex');
    const expected = Buffer.from(macOf(key, parsed), 'hex');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
      result.invalidLines.push(n);
      continue;
    }
    for (const [chain, seq, hash] of parsed.heads) {
      const known = best.get(chain);
      if (!known || seq > known.seq) best.set(chain, { chain, seq, hash });
    }
    if (!result.latestAt || parsed.at > result.latestAt) result.latestAt = parsed.at;
  }
  result.anchors = [...best.values()].sort((a, b) => a.chain - b.chain);
  return result;
}

/**
 * Writes a checkpoint every CHECKPOINT_INTERVAL_MS when a head moved, and a last one on stop.
 * A failed write is logged and retried at the next tick: the audit itself never waits for it.
 */
export function startCheckpoints(
  db: DbOrTx,
  options: { key: Buffer; file: string; logger: FastifyBaseLogger; now: () => Date },
): { stop(): Promise<void> } {
  let last = '';
  let running: Promise<void> = Promise.resolve();
  const tick = () =>
    (running = running.then(async () => {
      try {
        const heads = JSON.stringify(await readHeads(db));
        if (heads === last) return;
        await writeCheckpoint(db, { ...options, now: options.now() });
        last = heads;
      } catch (err) {
        options.logger.error({ err }, 'audit checkpoint failed');
      }
    }));
  const timer = setInterval(tick, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
