import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import {
  appendAudit,
  entryBody,
  entryHash,
  useAuditKey,
  verifyAuditChain,
  type AuditEntry,
} from '../../src/audit/log.js';
import { readCheckpoints, writeCheckpoint } from '../../src/audit/checkpoints.js';
import { auditReport } from '../../src/audit/report.js';
import { auditHead, auditLog } from '../../src/db/schema/index.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, openPglite } from '../../src/db/client.js';

/**
 * Issue §5, "the audit chain to its last entry": tampering by someone who can do anything in the
 * database (here: disable the append-only trigger) and has everything but AUDIT_KEY and the
 * checkpoint file. Each test tampers with its own database.
 */
describe('the audit log against a database superuser', () => {
  let sut: TestSystem;
  beforeEach(async () => {
    sut = await startTestSystem();
  });
  afterEach(async () => sut?.stop());

  const db = () => sut.database.db;
  const key = () => sut.config.audit.key;
  const checkpoint = () =>
    writeCheckpoint(db(), { key: key(), file: sut.config.audit.checkpointFile, now: new Date() });
  const verify = async () => {
    const { anchors } = await readCheckpoints(sut.config.audit.checkpointFile, key());
    return verifyAuditChain(db(), { key: key(), anchors });
  };
  const report = () => auditReport(db(), sut.config.audit);

  /** One transaction per entry, as sign-ins are: they spread over the chains. */
  async function append(count: number, from = 0): Promise<void> {
    for (let i = from; i < from + count; i++) {
      // Any event: what is tested is the chains, not an event's schema.
      const entry: AuditEntry = { event: 'citizen.logged_out', actorType: 'citizen', actorId: `p${i}` };
      await db().transaction((tx) => appendAudit(tx, entry, new Date()));
    }
  }

  async function asSuperuser(statements: () => Promise<unknown>): Promise<void> {
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await statements();
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  }

  /** Relinks every chain from scratch the way anyone can without the key, and moves the heads. */
  async function recomputeEveryLinkAndHead(): Promise<void> {
    const rows = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    const ends = new Map<number, { seq: number; hash: string; prev: string }>();
    for (const row of rows) {
      const prev = ends.get(row.chain)?.hash ?? '0'.repeat(64);
      const hash = entryHash(prev, row, row.mac);
      if (row.prevHash !== prev || row.hash !== hash)
        await db().update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.seq, row.seq));
      ends.set(row.chain, { seq: row.seq, hash, prev });
    }
    for (const head of await db().select().from(auditHead)) {
      const end = ends.get(head.id) ?? { seq: 0, hash: '0'.repeat(64), prev: '0'.repeat(64) };
      await db()
        .update(auditHead)
        .set({ seq: end.seq, hash: end.hash, prevHash: end.prev })
        .where(eq(auditHead.id, head.id));
    }
  }

  it('verifies an untouched log against its checkpoints, counting the entries newer than them', async () => {
    await append(20);
    await checkpoint();
    await append(3, 20);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, unanchored: 3 });
    expect(result.chains).toBeGreaterThan(4);
    const { ok, lines } = await report();
    expect(ok).toBe(true);
    expect(lines.at(-1)).toMatch(/^audit log intact: \d+ entries$/);
  });

  it('detects the newest ten entries deleted', async () => {
    await append(30);
    await asSuperuser(() =>
      db().execute(
        sql`delete from audit_log where seq in (select seq from audit_log order by seq desc limit 10)`,
      ),
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/the newest entries were removed/);
    const { ok, lines } = await report();
    expect(ok).toBe(false);
    expect(lines.at(-1)).toMatch(/^audit log BROKEN at chain \d+: /);
  });

  it('detects the newest ten entries deleted with their heads moved back, below a checkpoint', async () => {
    await append(30);
    await checkpoint();
    await asSuperuser(async () => {
      await db().execute(
        sql`delete from audit_log where seq in (select seq from audit_log order by seq desc limit 10)`,
      );
      await recomputeEveryLinkAndHead();
    });
    // Without the checkpoint the database agrees with itself: that is why it is kept outside.
    expect((await verifyAuditChain(db(), { key: key() })).ok).toBe(true);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/below the checkpoint's entry \d+: its newest entries were removed/);
  });

  it('detects an entry edited with the trigger disabled and every later hash and head recomputed', async () => {
    await append(30);
    const [victim] = await db().select().from(auditLog).where(eq(auditLog.actorId, 'p7'));
    await asSuperuser(async () => {
      await db().update(auditLog).set({ actorId: 'someone-else' }).where(eq(auditLog.seq, victim.seq));
      await recomputeEveryLinkAndHead();
    });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, brokenAt: victim.seq });
    expect(result.reason).toMatch(/MAC does not match the entry contents/);
  });

  it('detects a MAC removed to pass an edited entry off as one from before the key', async () => {
    await append(30);
    await checkpoint();
    const [victim] = await db().select().from(auditLog).where(eq(auditLog.actorId, 'p7'));
    await asSuperuser(async () => {
      await db()
        .update(auditLog)
        .set({ actorId: 'someone-else', mac: null })
        .where(eq(auditLog.seq, victim.seq));
      await recomputeEveryLinkAndHead();
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBe(victim.seq);
  });

  it("takes no entry without a MAC after a keyed one for an entry from before the key, even as its chain's first", async () => {
    await append(30);
    const rows = await db().select().from(auditLog).orderBy(asc(auditLog.seq));
    // Moved into chain 1 below, whose other entries are deleted: the victim must not be in chain 1,
    // and a keyed entry outside chain 1 (which stays) must come before it.
    const firstKept = rows.findIndex((row) => row.chain !== 1);
    const victim = rows.slice(firstKept + 1).find((row) => row.chain !== 1)!;
    await asSuperuser(async () => {
      await db()
        .update(auditLog)
        .set({ chain: 1, actorId: 'someone-else', mac: null })
        .where(eq(auditLog.seq, victim.seq));
      await db().execute(sql`delete from audit_log where chain = 1 and seq <> ${victim.seq}`);
      await recomputeEveryLinkAndHead();
    });
    const result = await verifyAuditChain(db(), { key: key() });
    expect(result).toMatchObject({ ok: false, brokenAt: victim.seq });
    expect(result.reason).toMatch(/MAC missing/);
  });

  it('refuses a checkpoint file with a line not signed with the key', async () => {
    await append(5);
    const line = await checkpoint();
    const forged = line.replace(
      /"heads":\[\[(\d+),(\d+),/,
      (_, chain, seq) => `"heads":[[${chain},${Number(seq) + 1},`,
    );
    expect(forged).not.toBe(line);
    appendFileSync(sut.config.audit.checkpointFile, `${forged}\n`);
    const read = await readCheckpoints(sut.config.audit.checkpointFile, key());
    expect(read).toMatchObject({ lines: 2, invalidLines: [2] });
    const { ok, lines } = await report();
    expect(ok).toBe(false);
    expect(lines.at(-1)).toMatch(/lines 2 of .* are not checkpoints signed with AUDIT_KEY/);
    writeFileSync(
      sut.config.audit.checkpointFile,
      readFileSync(sut.config.audit.checkpointFile, 'utf8').split('\n')[0] + '\n',
    );
    expect((await report()).ok).toBe(true);
  });
});

describe('migration 0009 on a database that already has an audit log', () => {
  it('keeps the entries written before it as chain 1 without a MAC, and the chains verify', async () => {
    // The migrations as they were before 0009, applied to a new database, then 0009 on top.
    const before = mkdtempSync(join(tmpdir(), 'openesia-migrations-'));
    cpSync(migrationsFolder, before, { recursive: true });
    const journalFile = join(before, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 8);
    writeFileSync(journalFile, JSON.stringify(journal));
    const sut = await openPglite(undefined);
    try {
      await migratePglite(sut.db as any, { migrationsFolder: before });
      // Appended as 0008's caller did: its function, the link over the canonical JSON, no MAC.
      const at = new Date('2026-11-30T10:00:00.000Z');
      for (const actorId of ['a', 'b', 'c']) {
        const row = {
          at,
          event: 'citizen.logged_out',
          actorType: 'citizen',
          actorId,
          subjectId: null,
          ip: null,
          data: {},
        };
        await sut.db.execute(
          sql`select audit_append(${at.toISOString()}::timestamptz, ${row.event}, ${row.actorType}, ${actorId}::text, null, null, '{}'::jsonb, ${entryBody(row)})`,
        );
      }
      const legacy = await sut.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq));
      expect(legacy).toHaveLength(3);
      await migratePglite(sut.db as any, { migrationsFolder });
      expect(await sut.db.select().from(auditHead).orderBy(asc(auditHead.id))).toHaveLength(16);
      expect((await sut.db.select().from(auditHead).where(eq(auditHead.id, 1)))[0].seq).toBe(legacy[2].seq);
      const key = Buffer.alloc(32, 7);
      useAuditKey(key);
      for (let i = 0; i < 5; i++)
        await sut.db.transaction((tx) =>
          appendAudit(
            tx,
            { event: 'citizen.logged_out', actorType: 'citizen', actorId: `n${i}` },
            new Date(),
          ),
        );
      const result = await verifyAuditChain(sut.db, { key });
      expect(result).toMatchObject({ ok: true, entries: 8, unkeyed: 3 });
    } finally {
      await sut.close();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
