import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** One type for both drivers, so repositories have a single code path (STACK.md). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is a Db too; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/** Runs one SQL text with positional parameters; the shape pg-boss expects of a `db`. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** raw executor for libraries that speak SQL (pg-boss); null means "give it the URL" */
  executor: SqlExecutor;
  connectionString?: string;
  pglite?: PGlite;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    // PGlite runs parameterless multi-statement SQL (pg-boss's DDL) only through exec().
    async executeSql(text, values) {
      if (values && values.length) return client.query(text, values);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}

export function wrapPglite(client: PGlite): Database {
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    executor: pgliteExecutor(client),
    pglite: client,
    close: () => client.close(),
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  // A new data directory starts as a copy of the prepared template: system.ts openDatabase (the
  // template module builds on this one, so it is not imported from here).
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  return wrapPglite(client);
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not take the process down.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    executor: { executeSql: (text, values) => pool.query(text, values as any[]) },
    connectionString: url,
    close: () => pool.end(),
  };
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder });
  } else {
    await migratePg(database.db as any, { migrationsFolder });
  }
}

/**
 * The executor of an open transaction, so a job is enqueued atomically with the writes that
 * caused it (pg-boss's `db` option). Both drivers keep the connection of the transaction in
 * `session.client`; this is the one place that relies on it.
 */
export function transactionExecutor(tx: DbOrTx): SqlExecutor {
  const client = (tx as any).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('not a transaction handle');
  return { executeSql: (text, values) => client.query(text, values ?? []) };
}
