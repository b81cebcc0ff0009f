import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db, DbOrTx } from '../db/client.js';
import { oidcModels } from '../db/schema/index.js';
import type { FieldCipher, LookupHasher } from '../lib/crypto.js';

/**
 * node-oidc-provider's storage in our database, so that every server process sees the same
 * sessions, codes and tokens (the provider's own memory adapter is one process's only). The
 * contract is the provider's (node_modules/oidc-provider/lib/adapters/memory_adapter.js):
 * `upsert` with an expiry in seconds, `find` (nothing once expired), `findByUid` for sessions,
 * `findByUserCode` for device codes, `consume` marking a code or token used (the provider then
 * refuses it and revokes its grant on reuse), `destroy`, and `revokeByGrantId` removing every code
 * and token of a grant.
 *
 * Kept unreadable at rest: an opaque access or refresh token's id is the token itself, so ids,
 * uids, user codes and grant ids are stored as HMACs, and the payload (which repeats the id as
 * `jti`) is sealed with AES-256-GCM bound to its model and id.
 */
export function createOidcAdapterFactory(
  db: Db,
  keys: { cipher: FieldCipher; lookup: LookupHasher },
  now: () => Date = () => new Date(),
): (model: string) => Adapter {
  const statements = prepareStatements(db);
  return (model) => new DatabaseOidcAdapter(db, statements, model, keys, now);
}

/**
 * The statements every authorization runs a dozen times or more (a flow of `bench oidc` finds
 * about 19 rows and writes 11), prepared once: Drizzle's query building was a third of their
 * main-thread cost (STACK.md). Bound to the root handle, never to a transaction. Times go as ISO
 * strings cast in SQL: a placeholder skips the column's own mapping of a Date.
 */
function prepareStatements(db: Db) {
  const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
  const findBy = (column: AnyPgColumn, name: string) =>
    db
      .select()
      .from(oidcModels)
      .where(
        and(
          eq(oidcModels.model, sql.placeholder('model')),
          eq(column, sql.placeholder('key')),
          or(isNull(oidcModels.expiresAt), gt(oidcModels.expiresAt, at('now'))),
        ),
      )
      .limit(1)
      .prepare(name);
  const byId = and(
    eq(oidcModels.model, sql.placeholder('model')),
    eq(oidcModels.idHash, sql.placeholder('id')),
  );
  return {
    findById: findBy(oidcModels.idHash, 'oidc_model_by_id'),
    findByUid: findBy(oidcModels.uidHash, 'oidc_model_by_uid'),
    findByUserCode: findBy(oidcModels.userCodeHash, 'oidc_model_by_user_code'),
    upsert: db
      .insert(oidcModels)
      .values({
        model: sql.placeholder('model'),
        idHash: sql.placeholder('idHash'),
        payload: sql.placeholder('payload'),
        grantHash: sql.placeholder('grantHash'),
        uidHash: sql.placeholder('uidHash'),
        userCodeHash: sql.placeholder('userCodeHash'),
        expiresAt: at('expiresAt'),
        consumedAt: at('consumedAt'),
      })
      .onConflictDoUpdate({
        target: [oidcModels.model, oidcModels.idHash],
        set: {
          payload: sql`excluded.payload`,
          grantHash: sql`excluded.grant_hash`,
          uidHash: sql`excluded.uid_hash`,
          userCodeHash: sql`excluded.user_code_hash`,
          expiresAt: sql`excluded.expires_at`,
          consumedAt: sql`excluded.consumed_at`,
        },
      })
      .prepare('oidc_model_upsert'),
    consume: db
      .update(oidcModels)
      .set({ consumedAt: sql`coalesce(${oidcModels.consumedAt}, ${at('now')})` })
      .where(byId)
      .prepare('oidc_model_consume'),
    destroy: db.delete(oidcModels).where(byId).prepare('oidc_model_destroy'),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/** The provider's models whose rows carry a grant id and go when the grant is revoked. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

class DatabaseOidcAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly statements: Statements,
    private readonly model: string,
    private readonly keys: { cipher: FieldCipher; lookup: LookupHasher },
    private readonly now: () => Date,
  ) {}

  private hash(kind: string, value: string): string {
    return this.keys.lookup.hash(`oidc:${kind}`, value);
  }

  private aad(idHash: string): string {
    return `oidc:${this.model}:${idHash}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const idHash = this.hash('id', id);
    await this.statements.upsert.execute({
      model: this.model,
      idHash,
      payload: this.keys.cipher.encryptJson(payload, this.aad(idHash)),
      grantHash: GRANTABLE.has(this.model) && payload.grantId ? this.hash('grant', payload.grantId) : null,
      uidHash: this.model === 'Session' && payload.uid ? this.hash('uid', payload.uid) : null,
      userCodeHash: payload.userCode ? this.hash('user_code', payload.userCode) : null,
      expiresAt:
        typeof expiresIn === 'number'
          ? new Date(this.now().getTime() + expiresIn * 1000).toISOString()
          : null,
      consumedAt: payload.consumed ? new Date(Number(payload.consumed) * 1000).toISOString() : null,
    });
  }

  private async findWhere(
    statement: Statements['findById'],
    key: string,
  ): Promise<AdapterPayload | undefined> {
    const [row] = await statement.execute({ model: this.model, key, now: this.now().toISOString() });
    if (!row) return undefined;
    const payload = this.keys.cipher.decryptJson<AdapterPayload>(row.payload, this.aad(row.idHash));
    // `consume` writes the column only: the payload says so when read back.
    if (row.consumedAt && !payload.consumed) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(this.statements.findById, this.hash('id', id));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(this.statements.findByUid, this.hash('uid', uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(this.statements.findByUserCode, this.hash('user_code', userCode));
  }

  async consume(id: string): Promise<void> {
    // Only the first consumption counts: a replayed code finds it consumed and the provider
    // revokes what the code gave (RFC 6749 §4.1.2).
    await this.statements.consume.execute({
      model: this.model,
      id: this.hash('id', id),
      now: this.now().toISOString(),
    });
  }

  async destroy(id: string): Promise<void> {
    await this.statements.destroy.execute({ model: this.model, id: this.hash('id', id) });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.delete(oidcModels).where(eq(oidcModels.grantHash, this.hash('grant', grantId)));
  }
}

/** Removes rows past their expiry (retention job); returns how many went. */
export async function purgeExpiredOidcModels(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(oidcModels)
    .where(lte(oidcModels.expiresAt, now))
    .returning({ model: oidcModels.model });
  return rows.length;
}
