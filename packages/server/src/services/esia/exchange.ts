import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { verifyCmsSecret, verifyRawSecret } from '../../esia/client-secret.js';
import { EsiaError } from '../../esia/errors.js';
import type { EsiaParams } from '../../esia/params.js';
import { checkCodeVerifier } from '../../esia/pkce.js';
import { checkEsiaTimestamp } from '../../esia/timestamp.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/crypto.js';
import { getAccountById } from '../../repositories/citizen/accounts.js';
import { consumeEsiaCode, findEsiaCode } from '../../repositories/esia/codes.js';
import {
  consumeEsiaToken,
  findEsiaToken,
  revokeEsiaTokensOfGrant,
  type EsiaTokenRow,
} from '../../repositories/esia/tokens.js';
import type { OidcClientRow } from '../../repositories/oidc/clients.js';
import { findEsiaSystem, type EsiaVersion } from './authorization.js';
import type { EsiaGrant, EsiaTokenService, IssuedTokens } from './tokens.js';

/** A refusal of the token endpoint, with the state the system sent (ESIA echoes it). */
export class EsiaTokenRefusal extends Error {
  constructor(
    readonly error: EsiaError,
    readonly state: string | undefined,
  ) {
    super(error.message);
  }
}

/**
 * The token endpoint (`/aas/oauth2/v3/te`, legacy `/aas/oauth2/te`; reference §2.3-2.4): the code
 * or refresh token exchanged for ESIA's tokens once the client secret proves the system. A code
 * works once: its second use revokes every token it gave (RFC 6749 §4.1.2, RFC 9700 §4.14.2);
 * a refresh token likewise (rotation: a replayed one revokes its chain).
 */
export class EsiaTokenEndpoint {
  constructor(private readonly deps: { db: Db; clock: Clock; tokens: EsiaTokenService }) {}

  async exchange(version: EsiaVersion, params: EsiaParams): Promise<IssuedTokens & { state: string }> {
    let state: string | undefined;
    try {
      state = params.get('state');
    } catch {
      state = undefined;
    }
    try {
      return { ...(await this.run(version, params)), state: state! };
    } catch (err) {
      if (err instanceof EsiaError) throw new EsiaTokenRefusal(err, state);
      throw err;
    }
  }

  private async run(version: EsiaVersion, params: EsiaParams): Promise<IssuedTokens> {
    const { db, clock } = this.deps;
    const now = clock.now();
    params.checkAll();
    const clientId = params.require('client_id');
    const grantType = params.require('grant_type');
    const system = await findEsiaSystem(db, clientId);
    if (!system) throw new EsiaError('ESIA-008010', 'unknown system');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
      throw new EsiaError('ESIA-007009');
    const presented =
      grantType === 'authorization_code' ? params.require('code') : params.require('refresh_token');
    const scope = params.require('scope');
    const state = params.require('state');
    const timestamp = params.require('timestamp');
    const secret = params.require('client_secret');
    const redirectUri = params.require('redirect_uri');
    checkEsiaTimestamp(timestamp, now);
    if (version === 'v2') {
      const hash = params.require('client_certificate_hash');
      if (hash.toUpperCase() !== system.certificateHash)
        throw new EsiaError('ESIA-007053', 'certificate hash');
      // The code is signed at the token call; a refresh signs the same string without it.
      const message =
        clientId +
        scope +
        params.optional('scope_org') +
        timestamp +
        state +
        redirectUri +
        (grantType === 'authorization_code' ? presented : '');
      verifyRawSecret(system.certificateDer!, message, secret, now);
    } else {
      verifyCmsSecret(system.certificateDer!, scope + timestamp + clientId + state, secret, now);
    }
    return grantType === 'authorization_code'
      ? this.codeGrant(system, presented, redirectUri, params.get('code_verifier'))
      : this.refreshGrant(system, presented);
  }

  private async codeGrant(
    system: OidcClientRow,
    code: string,
    redirectUri: string,
    verifier: string | undefined,
  ): Promise<IssuedTokens> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const codeHash = sha256Hex(code);
    const row = await findEsiaCode(db, codeHash);
    if (!row || row.clientId !== system.clientId) throw new EsiaError('ESIA-007011', 'unknown code');
    if (row.consumedAt) {
      await this.revokeGrant(system.clientId, row.accountId, codeHash, 'esia.code_reused');
      throw new EsiaError('ESIA-007011', 'code reused');
    }
    if (row.expiresAt <= now) throw new EsiaError('ESIA-007011', 'code expired');
    if (row.redirectUri !== redirectUri) throw new EsiaError('ESIA-007011', 'redirect_uri');
    checkCodeVerifier(row, verifier);
    const account = await getAccountById(db, row.accountId);
    if (account.status !== 'active') throw new EsiaError('ESIA-007011', 'account');
    const grant: EsiaGrant = {
      grantHash: codeHash,
      clientId: row.clientId,
      accountId: row.accountId,
      oid: String(account.oid),
      level: account.level,
      sid: row.sid,
      scopes: row.scopes,
      redirectUri: row.redirectUri,
      authMethod: row.authMethod,
      authTime: row.authTime,
    };
    const { tokens, rows } = await this.deps.tokens.prepare(grant, row.accessType === 'offline');
    const won = await db.transaction(async (tx) => {
      // Two exchanges of one code at once: only one marks it used and records its tokens.
      if (!(await consumeEsiaCode(tx, codeHash, now))) return false;
      await this.deps.tokens.record(tx, rows);
      return true;
    });
    if (!won) {
      await this.revokeGrant(system.clientId, row.accountId, codeHash, 'esia.code_reused');
      throw new EsiaError('ESIA-007011', 'code reused');
    }
    return tokens;
  }

  private async refreshGrant(system: OidcClientRow, refreshToken: string): Promise<IssuedTokens> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const tokenHash = sha256Hex(refreshToken);
    const row: EsiaTokenRow | undefined = await findEsiaToken(db, tokenHash);
    if (!row || row.kind !== 'refresh' || row.clientId !== system.clientId)
      throw new EsiaError('ESIA-007011', 'unknown refresh token');
    if (row.consumedAt && !row.revokedAt) {
      // A rotated token presented again: someone holds a copy; the whole chain stops.
      await this.revokeGrant(system.clientId, row.accountId, row.grantHash, 'esia.code_reused');
      throw new EsiaError('ESIA-007011', 'refresh token reused');
    }
    if (row.revokedAt || row.expiresAt <= now) throw new EsiaError('ESIA-007011', 'refresh token revoked');
    const account = await getAccountById(db, row.accountId);
    if (account.status !== 'active') throw new EsiaError('ESIA-007011', 'account');
    const { tokens, rows } = await this.deps.tokens.prepare(
      {
        grantHash: row.grantHash,
        clientId: row.clientId,
        accountId: row.accountId,
        oid: String(account.oid),
        level: account.level,
        sid: row.sid,
        scopes: row.scopes,
        redirectUri: row.redirectUri,
        authMethod: row.authMethod,
        authTime: row.authTime,
      },
      true,
    );
    const won = await db.transaction(async (tx) => {
      if (!(await consumeEsiaToken(tx, tokenHash, now))) return false;
      await this.deps.tokens.record(tx, rows);
      return true;
    });
    if (!won) throw new EsiaError('ESIA-007011', 'refresh token reused');
    return tokens;
  }

  /** Revokes every token of a chain, audited as the security event it is. */
  private async revokeGrant(
    clientId: string,
    accountId: string,
    grantHash: string,
    event: 'esia.code_reused',
  ): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    await db.transaction(async (tx) => {
      const revoked = await revokeEsiaTokensOfGrant(tx, grantHash, now);
      await appendAudit(
        tx,
        { event, actorType: 'system', actorId: null, subjectId: accountId, data: { clientId, revoked } },
        now,
      );
    });
  }
}
