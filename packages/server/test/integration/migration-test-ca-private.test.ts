import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openPglite, type Database } from '../../src/db/client.js';

/**
 * Migration 0010 (test_ca_private): test-CA certificates issued before it were issued to anyone for
 * any СНИЛС and kept it in plain text. It revokes them, keeping the rows for the CRL, and drops the
 * plain subject and DER. Proven on a database migrated up to 0008 with such a row in it.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The migration folder as it was before 0010: same files, journal cut after `lastIdx`. */
function migrationsUpTo(lastIdx: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'openesia-migrations-'));
  dirs.push(dir);
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= lastIdx);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0010: test-CA certificates of the old rules', () => {
  let database: Database;
  afterAll(() => database?.close());

  it('revokes the certificates issued before it, keeps their rows for the CRL and drops the plain СНИЛС', async () => {
    database = await openPglite(undefined);
    const client = database.pglite!;
    await migratePglite(database.db as any, { migrationsFolder: migrationsUpTo(8) });
    await client.query(
      `INSERT INTO test_ca_certificates (serial_number, certificate, subject_name, algorithm, issued_at, not_after, revoked_at, revocation_reason)
       VALUES ('0A', '\\x3082'::bytea, 'SNILS=11223344595, SN=Захватов', 'gost2012_256', now(), now() + interval '1 year', NULL, NULL),
              ('0B', '\\x3082'::bytea, 'SNILS=11223344595, SN=Отозванов', 'gost2012_256', now(), now() + interval '1 year', '2026-01-01T00:00:00Z', 1)`,
    );

    await migratePglite(database.db as any, { migrationsFolder });

    const { rows } = await client.query<Record<string, unknown>>(
      'SELECT * FROM test_ca_certificates ORDER BY serial_number',
    );
    expect(rows.map((r) => [r.serial_number, r.revocation_reason])).toEqual([
      ['0A', 5],
      ['0B', 1],
    ]);
    expect(rows[0].revoked_at).toBeInstanceOf(Date);
    expect((rows[1].revoked_at as Date).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(Object.keys(rows[0])).not.toContain('subject_name');
    expect(Object.keys(rows[0])).not.toContain('certificate');
    expect(rows[0]).toMatchObject({ certificate_encrypted: null, snils_lookup: null });
  });
});
