/**
 * Audit appends per second when many transactions append at once (issue §5: the chain must stay
 * off the critical path at thousands of sign-ins per second), with the sixteen chains of migration
 * 0009 beside the one head every appender queued on before it — the same function, its chain
 * pinned to 1, in the same run on the same database.
 *
 * Each transaction appends one entry and then holds its head lock for HOLD_MS more, as a sign-in
 * does (the rest of its statement and the commit's WAL flush), so the figure is what the head rows
 * let through, not what argon2 does. Runs on PostgreSQL (a throwaway cluster unless DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startThrowawayPostgres } from '../scripts/pg-throwaway.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const HOLD_MS = Number(process.env.BENCH_HOLD_MS ?? 2);

export async function main(): Promise<void> {
  const { openPostgres, migrate, migrationsFolder } = await import('../packages/server/src/db/client.js');
  const { appendAudit, useAuditKey, verifyAuditChain } = await import('../packages/server/src/audit/log.js');
  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => void) | null = null;
  if (!databaseUrl) {
    const pg = await startThrowawayPostgres(mkdtempSync(join(tmpdir(), 'openesia-bench-pg-')));
    databaseUrl = pg.url;
    stopPostgres = pg.stop;
  }
  const database = openPostgres(databaseUrl, CONNECTIONS + 2);
  const key = randomBytes(32);
  useAuditKey(key);
  try {
    await migrate(database);
    const sixteen = readFileSync(join(migrationsFolder, '0009_audit_chains.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((s) => s.includes('CREATE FUNCTION audit_append'))!
      .replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    const one = sixteen.replace('1 + (txid_current() % 16)::integer', '1');
    if (one === sixteen) throw new Error('could not pin the chain in audit_append');

    const run = async (): Promise<number> => {
      const deadline = Date.now() + DURATION_S * 1000;
      let appended = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, c) => {
          while (Date.now() < deadline) {
            await database.db.transaction(async (tx) => {
              await appendAudit(
                tx,
                {
                  event: 'citizen.login_succeeded',
                  actorType: 'citizen',
                  actorId: `bench-${c}`,
                  data: { method: 'password', loginKind: 'phone' },
                },
                new Date(),
              );
              await tx.execute(sql`select pg_sleep(${HOLD_MS / 1000})`);
            });
            appended++;
          }
        }),
      );
      return appended / DURATION_S;
    };

    await database.db.execute(sql.raw(one));
    await run(); // warm-up: pool, plans
    const oneChain = await run();
    await database.db.execute(sql.raw(sixteen));
    const sixteenChains = await run();

    const chain = await verifyAuditChain(database.db, { key });
    console.log('database: PostgreSQL');
    console.log(
      `${CONNECTIONS} concurrent transactions, each holding its head ${HOLD_MS} ms after its append`,
    );
    console.log(`audit appends per second, one chain: ${oneChain.toFixed(0)}`);
    console.log(`audit appends per second, sixteen chains: ${sixteenChains.toFixed(0)}`);
    console.log(`ratio: ${(sixteenChains / oneChain).toFixed(2)}`);
    console.log(
      `audit chains after the run: ${chain.ok ? 'verified' : `BROKEN (${chain.reason})`}, ${chain.entries} entries in ${chain.chains} chains`,
    );
    if (!chain.ok) process.exitCode = 1;
  } finally {
    await database.close();
    stopPostgres?.();
  }
}
