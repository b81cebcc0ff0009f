import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Config } from '../../config/index.js';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import {
  insertEsiaTokens,
  revokeEsiaTokensOfConsent,
  type EsiaTokenRow,
} from '../../repositories/esia/tokens.js';
import type { AccountLevel } from '@openesia/contracts';
import { SIGNING_ALG, type OidcKeyService } from '../oidc/keys.js';

/** ESIA's lifetimes: the access token an hour (`exp` = `iat` + 3600, reference §2.4). */
export const ACCESS_TOKEN_TTL_S = 3600;
/** A refresh token (access_type=offline): a fortnight, rotated on every use. */
export const REFRESH_TOKEN_TTL_S = 14 * 24 * 3600;

/** How the person signed in, as ESIA's `amr` names it: password or electronic signature. */
export const amrOf = (authMethod: string): 'PWD' | 'DS' => (authMethod === 'signature' ? 'DS' : 'PWD');

/** What a chain of tokens is about: one person, one system, one sign-in, the scopes granted. */
export interface EsiaGrant {
  grantHash: string;
  clientId: string;
  accountId: string;
  oid: string;
  level: AccountLevel;
  sid: string;
  scopes: string[];
  redirectUri: string;
  authMethod: string;
  authTime: Date;
}

export interface IssuedTokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** The claims of an access token the REST API reads. */
export interface EsiaAccessClaims extends JWTPayload {
  'urn:esia:sbj_id': number;
  'urn:esia:sid': string;
  client_id: string;
  scope: string;
}

/**
 * ESIA's scopes in an access token are bound to the subject: `fullname?oid=1000299681 openid`
 * (reference §2.4, decoded from a real token), so a token says whose data it reads.
 */
export function boundScope(scopes: readonly string[], oid: string): string {
  return scopes.map((s) => (s === 'openid' ? s : `${s}?oid=${oid}`)).join(' ');
}

/**
 * The tokens of the ESIA-compatible interface: JWTs signed with the OpenID Connect provider's
 * current key (services/oidc/keys.ts, published at /oidc/jwks), in ESIA's shape; every token
 * recorded by its hash (esia_tokens) so it can be revoked in every process at once.
 */
export class EsiaTokenService {
  private imported = new Map<string, CryptoKey | Uint8Array>();

  constructor(private readonly deps: { config: Config; clock: Clock; keys: OidcKeyService }) {}

  /** ESIA's issuer is its address with a slash (`http://esia.gosuslugi.ru/`); ours likewise. */
  get issuer(): string {
    return `${this.deps.config.publicUrl}/`;
  }

  private async signingKey(): Promise<{ kid: string; key: CryptoKey | Uint8Array }> {
    const set = await this.deps.keys.keySet();
    let key = this.imported.get(set.signingKid);
    if (!key) {
      key = await importJWK(set.keys[0] as never, SIGNING_ALG);
      this.imported.set(set.signingKid, key);
    }
    return { kid: set.signingKid, key };
  }

  /**
   * Signs the access and id tokens of `grant` (and a refresh token when asked) and records them
   * in the caller's transaction. The signing is done before the transaction by `prepare`.
   */
  async prepare(grant: EsiaGrant, offline: boolean): Promise<{ tokens: IssuedTokens; rows: EsiaTokenRow[] }> {
    const now = this.deps.clock.now();
    const iat = Math.floor(now.getTime() / 1000);
    const { kid, key } = await this.signingKey();
    const oidNumber = Number(grant.oid);
    const amr = amrOf(grant.authMethod);
    const accessToken = await new SignJWT({
      'urn:esia:sid': grant.sid,
      'urn:esia:sbj_id': oidNumber,
      client_id: grant.clientId,
      scope: boundScope(grant.scopes, grant.oid),
    })
      .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'access', alg: SIGNING_ALG, kid })
      .setNotBefore(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
      .setIssuedAt(iat)
      .setIssuer(this.issuer)
      // RFC 7519 §4.1.7: each token distinct, so two issued in one second are two rows.
      .setJti(randomUUID())
      .sign(key);
    const confirmed = grant.level === 'confirmed';
    const idToken = await new SignJWT({
      auth_time: Math.floor(grant.authTime.getTime() / 1000),
      amr,
      'urn:esia:amd': amr,
      'urn:esia:sid': grant.sid,
      'urn:esia:sbj': {
        typ: 'P',
        // ESIA sets is_tru only for a confirmed («подтверждённая») account.
        ...(confirmed ? { is_tru: true } : {}),
        oid: oidNumber,
        nam: `OID.${grant.oid}`,
        lvl: confirmed ? 'PR' : 'P',
      },
    })
      .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'id', alg: SIGNING_ALG, kid })
      .setAudience(grant.clientId)
      .setSubject(grant.oid)
      .setNotBefore(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
      .setIssuedAt(iat)
      .setIssuer(this.issuer)
      .sign(key);
    const row = (token: string, kind: EsiaTokenRow['kind'], ttl: number): EsiaTokenRow => ({
      tokenHash: sha256Hex(token),
      kind,
      grantHash: grant.grantHash,
      clientId: grant.clientId,
      accountId: grant.accountId,
      sid: grant.sid,
      scopes: grant.scopes,
      redirectUri: grant.redirectUri,
      authMethod: grant.authMethod,
      authTime: grant.authTime,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl * 1000),
      consumedAt: null,
      revokedAt: null,
    });
    const rows = [row(accessToken, 'access', ACCESS_TOKEN_TTL_S)];
    const tokens: IssuedTokens = {
      access_token: accessToken,
      id_token: idToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_S,
    };
    if (offline) {
      tokens.refresh_token = randomToken(32);
      rows.push(row(tokens.refresh_token, 'refresh', REFRESH_TOKEN_TTL_S));
    }
    return { tokens, rows };
  }

  async record(tx: DbOrTx, rows: EsiaTokenRow[]): Promise<void> {
    await insertEsiaTokens(tx, rows);
  }

  /** A withdrawn consent (services/oidc/consents.ts): every ESIA token it gave stops working. */
  async revokeForConsent(tx: DbOrTx, accountId: string, clientId: string, now: Date): Promise<void> {
    await revokeEsiaTokensOfConsent(tx, accountId, clientId, now);
  }

  /**
   * The access token's claims when its signature, issuer and lifetime hold (any published key);
   * null otherwise. Whether it is still live (not revoked) is the caller's question to the database.
   */
  async verifyAccessToken(token: string): Promise<EsiaAccessClaims | null> {
    if (token.length > 8192) return null;
    const set = await this.deps.keys.keySet();
    const publicKeys = set.keys.map((k) => {
      const { kty, n, e, kid, alg } = k as Record<string, string>;
      return { kty, n, e, kid, alg };
    });
    try {
      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet({ keys: publicKeys }), {
        issuer: this.issuer,
        algorithms: [SIGNING_ALG],
        currentDate: this.deps.clock.now(),
      });
      if (protectedHeader.sbt !== 'access') return null;
      const claims = payload as EsiaAccessClaims;
      if (typeof claims['urn:esia:sbj_id'] !== 'number' || typeof claims.scope !== 'string') return null;
      return claims;
    } catch {
      return null;
    }
  }
}
