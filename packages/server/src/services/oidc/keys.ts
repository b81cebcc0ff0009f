import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { systemActor, type Actor } from '../../domain/policy/actor.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, type FieldCipher } from '../../lib/crypto.js';
import {
  deleteExpiredSigningKeys,
  insertSigningKey,
  listPublishedSigningKeys,
  lockSigningKeys,
  retireSigningKeys,
  type SigningKeyRow,
} from '../../repositories/oidc/signing-keys.js';

/** RS256: what every OpenID Connect relying party verifies (OIDC Core §15.1, mandatory to implement). */
export const SIGNING_ALG = 'RS256';
/**
 * A rotated-in key is published this long before it signs, so relying parties that cache the JWKS
 * (and every server process, which re-reads the keys at most every 30 s) know it first.
 */
export const PUBLISH_AHEAD_MS = 24 * 60 * 60_000;
/** A key signs for about this long before the hourly run rotates it (NIST SP 800-57: a cryptoperiod). */
export const ROTATE_AFTER_MS = 90 * 24 * 60 * 60_000;
/** A retired key stays published this long: longer than any token it signed lives (id token 1 h). */
export const KEEP_RETIRED_MS = 7 * 24 * 60 * 60_000;

export interface SigningKeySet {
  /** private JWKs for the provider: the key that signs now first, then the published others */
  keys: JsonWebKey[];
  signingKid: string;
  /** changes whenever the published keys or the signing key change */
  version: string;
}

/**
 * The provider's signing keys in the database (issue 13, §1): every process signs with the same
 * key and publishes the same JWKS, and the keys survive restarts. Made on first start; rotated by
 * publishing the successor ahead of its activation.
 */
export class OidcKeyService {
  constructor(private readonly deps: { db: Db; clock: Clock; cipher: FieldCipher }) {}

  private seal(kid: string, jwk: JsonWebKey): Buffer {
    return this.deps.cipher.encryptJson(jwk, `oidc_signing_key:${kid}`);
  }

  private open(row: SigningKeyRow): JsonWebKey {
    return this.deps.cipher.decryptJson<JsonWebKey>(row.privateJwk, `oidc_signing_key:${row.kid}`);
  }

  private newKey(now: Date, activatesAt: Date) {
    const kid = randomToken(12);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const meta = { kid, alg: SIGNING_ALG, use: 'sig' };
    return {
      kid,
      alg: SIGNING_ALG,
      publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
      privateJwk: this.seal(kid, { ...privateKey.export({ format: 'jwk' }), ...meta }),
      createdAt: now,
      activatesAt,
    };
  }

  /** A key that signs now, made on the first start (two processes starting at once make one). */
  async ensureKey(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    if (signingKeyAt(await listPublishedSigningKeys(db, now), now)) return;
    await db.transaction(async (tx) => {
      await lockSigningKeys(tx);
      if (signingKeyAt(await listPublishedSigningKeys(tx, now), now)) return;
      const key = this.newKey(now, now);
      await insertSigningKey(tx, key);
      await appendAudit(
        tx,
        {
          event: 'oidc.signing_key_created',
          actorType: 'system',
          data: { kid: key.kid, alg: key.alg, activatesAt: now.toISOString() },
        },
        now,
      );
    });
  }

  /**
   * Publishes a new key now that signs after `publishAheadMs`; the keys signing until then retire
   * at that moment and stay published for verification for KEEP_RETIRED_MS.
   */
  async rotate(
    actor: Actor,
    publishAheadMs = PUBLISH_AHEAD_MS,
    now: Date = this.deps.clock.now(),
  ): Promise<{ kid: string; activatesAt: Date }> {
    assertAllowed(actor, 'oidc_client.manage');
    const { db } = this.deps;
    const activatesAt = new Date(now.getTime() + publishAheadMs);
    return db.transaction(async (tx) => {
      await lockSigningKeys(tx);
      const key = this.newKey(now, activatesAt);
      await insertSigningKey(tx, key);
      await retireSigningKeys(tx, activatesAt, new Date(activatesAt.getTime() + KEEP_RETIRED_MS), key.kid);
      await appendAudit(
        tx,
        {
          event: 'oidc.signing_key_created',
          actorType: 'system',
          data: { kid: key.kid, alg: key.alg, activatesAt: activatesAt.toISOString() },
        },
        now,
      );
      return { kid: key.kid, activatesAt };
    });
  }

  /**
   * The hourly run's rotation: when the signing key has signed for ROTATE_AFTER_MS and no successor
   * is published yet, publishes one (it signs a day later). Returns whether it did.
   */
  async rotateIfDue(now: Date = this.deps.clock.now()): Promise<boolean> {
    const rows = await listPublishedSigningKeys(this.deps.db, now);
    const signing = signingKeyAt(rows, now);
    if (!signing || rows.some((r) => r.activatesAt > now)) return false;
    if (now.getTime() - signing.activatesAt.getTime() < ROTATE_AFTER_MS) return false;
    await this.rotate(systemActor('retention'), PUBLISH_AHEAD_MS, now);
    return true;
  }

  /** The keys as the provider takes them at `now`, the signing one first. */
  async keySet(): Promise<SigningKeySet> {
    let now = this.deps.clock.now();
    let rows = await listPublishedSigningKeys(this.deps.db, now);
    let signing = signingKeyAt(rows, now);
    if (!signing) {
      // The first start (of any process) makes the first key.
      await this.ensureKey();
      now = this.deps.clock.now();
      rows = await listPublishedSigningKeys(this.deps.db, now);
      signing = signingKeyAt(rows, now)!;
    }
    const ordered = [signing, ...rows.filter((r) => r.kid !== signing.kid)];
    return {
      keys: ordered.map((r) => this.open(r)),
      signingKid: signing.kid,
      version: ordered.map((r) => r.kid).join(','),
    };
  }

  /** Keys past their publication (retention). */
  purgeExpired(now: Date): Promise<number> {
    return deleteExpiredSigningKeys(this.deps.db, now);
  }
}

/** The key that signs at `now`: the latest activated of those not yet retired. */
function signingKeyAt(rows: SigningKeyRow[], now: Date): SigningKeyRow | undefined {
  return rows
    .filter((r) => r.activatesAt <= now && (!r.retiresAt || r.retiresAt > now))
    .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0];
}
