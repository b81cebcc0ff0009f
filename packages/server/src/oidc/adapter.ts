import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
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
  return (model) => new DatabaseOidcAdapter(db, model, keys, now);
}

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
    const row = {
      model: this.model,
      idHash,
      payload: this.keys.cipher.encryptJson(payload, this.aad(idHash)),
      grantHash: GRANTABLE.has(this.model) && payload.grantId ? this.hash('grant', payload.grantId) : null,
      uidHash: this.model === 'Session' && payload.uid ? this.hash('uid', payload.uid) : null,
      userCodeHash: payload.userCode ? this.hash('user_code', payload.userCode) : null,
      expiresAt: typeof expiresIn === 'number' ? new Date(this.now().getTime() + expiresIn * 1000) : null,
      consumedAt: payload.consumed ? new Date(Number(payload.consumed) * 1000) : null,
    };
    await this.db
      .insert(oidcModels)
      .values(row)
      .onConflictDoUpdate({
        target: [oidcModels.model, oidcModels.idHash],
        set: {
          payload: row.payload,
          grantHash: row.grantHash,
          uidHash: row.uidHash,
          userCodeHash: row.userCodeHash,
          expiresAt: row.expiresAt,
          consumedAt: row.consumedAt,
        },
      });
  }

  private async findWhere(where: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
    const [row] = await this.db
      .select()
      .from(oidcModels)
      .where(
        and(
          eq(oidcModels.model, this.model),
          where,
          or(isNull(oidcModels.expiresAt), gt(oidcModels.expiresAt, this.now())),
        ),
      )
      .limit(1);
    if (!row) return undefined;
    const payload = this.keys.cipher.decryptJson<AdapterPayload>(row.payload, this.aad(row.idHash));
    // `consume` writes the column only: the payload says so when read back.
    if (row.consumedAt && !payload.consumed) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcModels.idHash, this.hash('id', id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcModels.uidHash, this.hash('uid', uid)));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oidcModels.userCodeHash, this.hash('user_code', userCode)));
  }

  async consume(id: string): Promise<void> {
    // Only the first consumption counts: a replayed code finds it consumed and the provider
    // revokes what the code gave (RFC 6749 §4.1.2).
    await this.db
      .update(oidcModels)
      .set({ consumedAt: sql`coalesce(${oidcModels.consumedAt}, ${this.now()})` })
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.idHash, this.hash('id', id))));
  }

  async destroy(id: string): Promise<void> {
    await this.db
      .delete(oidcModels)
      .where(and(eq(oidcModels.model, this.model), eq(oidcModels.idHash, this.hash('id', id))));
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
