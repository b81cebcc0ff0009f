import type { OidcInteraction } from '@openesia/contracts';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/index.js';
import type { Db } from '../../db/client.js';
import type { CitizenActor } from '../../domain/policy/actor.js';
import { verifyCmsSecret, verifyRawSecret } from '../../esia/client-secret.js';
import { EsiaError } from '../../esia/errors.js';
import type { EsiaParams } from '../../esia/params.js';
import { checkCodeChallenge } from '../../esia/pkce.js';
import { checkEsiaTimestamp } from '../../esia/timestamp.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { findOidcClient, type OidcClientRow } from '../../repositories/oidc/clients.js';
import { insertEsiaCode } from '../../repositories/esia/codes.js';
import {
  deleteEsiaRequest,
  findEsiaRequest,
  insertEsiaRequest,
  type EsiaRequestRow,
} from '../../repositories/esia/requests.js';
import type { OidcConsentService } from '../oidc/consents.js';
import type { Authenticated } from '../platform/sessions.js';

export type EsiaVersion = 'v1' | 'v2';

/** The web app's page of a step (packages/web/src/portals/oidc/, shared with OpenID Connect). */
export const esiaInteractionPage = (id: string): string => `/esia-interaction/${encodeURIComponent(id)}`;

/** A code lives this long (ESIA's codes are for an immediate exchange; RFC 6749 §4.1.2: "short"). */
export const CODE_TTL_MS = 3 * 60_000;
/** A pending request: long enough to sign in and read the consent page. */
const REQUEST_TTL_MS = 30 * 60_000;
/** ESIA's `state` is a UUID (Методические рекомендации: «идентификатор запроса ... UUID»). */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Where the browser goes: back to the system (with a code or an ESIA error), or our error page. */
export type AuthorizeOutcome = { kind: 'redirect'; location: string } | { kind: 'page'; error: EsiaError };

/** An approved system with a certificate: the only kind /aas/oauth2/* serves. */
export async function findEsiaSystem(db: Db, clientId: string): Promise<OidcClientRow | undefined> {
  const row = await findOidcClient(db, clientId);
  return row && row.status === 'approved' && row.certificateDer && row.certificateHash ? row : undefined;
}

/** The redirect to the system with `params` added to its registered address's query. */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * The `urn:esia:sid` of a sign-in session: stable for one OpenESIA session (so /idp/ext/Logout
 * revokes every token of it), a keyed hash of the session's own hash, never the cookie itself.
 */
export function sidOf(lookup: LookupHasher, auth: Authenticated): string {
  const h = lookup.hash('esia_sid', auth.tokenHash);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The authorization endpoint of the ESIA-compatible interface (`/aas/oauth2/v2/ac`, legacy
 * `/aas/oauth2/ac`) and the sign-in and consent steps after it (issue 13; reference §2.1-2.3).
 * The checks run in ESIA's order: the system and its redirect_uri first (until the address is
 * proven registered, a refusal is our page, never a redirect: RFC 6749 §4.1.2.1), then each
 * parameter, the time and the client secret; the pending request is a row bound to the browser.
 */
export class EsiaAuthorizationService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      config: Config;
      lookup: LookupHasher;
      consents: OidcConsentService;
    },
  ) {}

  async authorize(version: EsiaVersion, params: EsiaParams, browserHash: string): Promise<AuthorizeOutcome> {
    let system: OidcClientRow | undefined;
    let redirectUri: string;
    try {
      const clientId = params.require('client_id');
      system = await findEsiaSystem(this.deps.db, clientId);
      if (!system) throw new EsiaError('ESIA-007002', 'unknown system');
      redirectUri = params.require('redirect_uri');
      // RFC 9700 §4.1.3: compared exactly with a registered address.
      if (!system.redirectUris.includes(redirectUri)) throw new EsiaError('ESIA-007023');
    } catch (err) {
      if (err instanceof EsiaError) return { kind: 'page', error: err };
      throw err;
    }
    let state: string | undefined;
    try {
      state = params.get('state');
    } catch {
      state = undefined;
    }
    try {
      const location = await this.check(version, params, system, redirectUri, browserHash);
      return { kind: 'redirect', location };
    } catch (err) {
      if (!(err instanceof EsiaError)) throw err;
      return { kind: 'redirect', location: redirectWith(redirectUri, err.body(state)) };
    }
  }

  private async check(
    version: EsiaVersion,
    params: EsiaParams,
    system: OidcClientRow,
    redirectUri: string,
    browserHash: string,
  ): Promise<string> {
    const now = this.deps.clock.now();
    params.checkAll();
    const clientId = system.clientId;
    const responseType = params.require('response_type');
    const scope = params.get('scope');
    if (scope === undefined) throw new EsiaError('ESIA-007013');
    const state = params.require('state');
    const timestamp = params.require('timestamp');
    const secret = params.require('client_secret');
    if (responseType !== 'code') throw new EsiaError('ESIA-007012');
    if (!UUID.test(state)) throw new EsiaError('ESIA-007003', 'state');
    const scopes = parseScopes(scope, system.scopes);
    checkEsiaTimestamp(timestamp, now);
    if (version === 'v2') {
      const hash = params.require('client_certificate_hash');
      if (hash.toUpperCase() !== system.certificateHash)
        throw new EsiaError('ESIA-007053', 'certificate hash');
      const message = clientId + scope + params.optional('scope_org') + timestamp + state + redirectUri;
      verifyRawSecret(system.certificateDer!, message, secret, now);
    } else {
      verifyCmsSecret(system.certificateDer!, scope + timestamp + clientId + state, secret, now);
    }
    const accessType = params.get('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline')
      throw new EsiaError('ESIA-007003', 'access_type');
    const pkce = checkCodeChallenge(params.get('code_challenge'), params.get('code_challenge_method'));
    const id = randomUUID();
    await insertEsiaRequest(this.deps.db, {
      id,
      browserHash,
      clientId,
      version,
      redirectUri,
      scopes,
      state,
      accessType,
      ...pkce,
      createdAt: now,
      expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
    });
    return `/api/esia/interaction/${id}`;
  }

  private async load(
    id: string,
    browserHash: string,
  ): Promise<{ request: EsiaRequestRow; name: string; confirmedOnly: boolean }> {
    const { db, clock } = this.deps;
    const request = UUID.test(id) ? await findEsiaRequest(db, id, browserHash, clock.now()) : undefined;
    if (!request) throw new AppError('oidc.interaction_not_found');
    // A system blocked meanwhile signs nobody in.
    const system = await findEsiaSystem(db, request.clientId);
    if (!system) throw new AppError('oidc.interaction_not_found');
    return { request, name: system.name, confirmedOnly: system.confirmedOnly };
  }

  /**
   * A system registered «только подтверждённые учётные записи» takes no one else (ESIA-007055):
   * the person is told how to confirm, and «Вернуться в систему» gives the system that error.
   */
  private static unconfirmed(confirmedOnly: boolean, auth: Authenticated | null): boolean {
    return confirmedOnly && auth !== null && auth.account.level !== 'confirmed';
  }

  /** Scopes the person has not given the system yet (openid needs no consent). */
  private async missingScopes(request: EsiaRequestRow, auth: Authenticated): Promise<string[]> {
    const given = new Set(
      (await this.deps.consents.remembered(String(auth.account.oid), request.clientId)) ?? [],
    );
    return request.scopes.filter((s) => s !== 'openid' && !given.has(s));
  }

  /**
   * Entering the step: without an OpenESIA session, the sign-in page (it comes back to the step's
   * page); with one and a consent that covers every scope, the code at once; otherwise the page asks.
   */
  async enter(id: string, browserHash: string, auth: Authenticated | null): Promise<string> {
    const { request, confirmedOnly } = await this.load(id, browserHash);
    if (!auth) return `/login?next=${encodeURIComponent(esiaInteractionPage(id))}`;
    if (EsiaAuthorizationService.unconfirmed(confirmedOnly, auth)) return esiaInteractionPage(id);
    if ((await this.missingScopes(request, auth)).length) return esiaInteractionPage(id);
    return this.complete(request, auth);
  }

  /** What the step's page shows (the OpenID Connect consent page's shape). */
  async view(id: string, browserHash: string, auth: Authenticated | null): Promise<OidcInteraction> {
    const { request, name, confirmedOnly } = await this.load(id, browserHash);
    const missing = auth ? await this.missingScopes(request, auth) : [];
    return {
      uid: id,
      // 'login': the page goes on to the step's address, which signs in or issues the code.
      prompt: auth && missing.length ? 'consent' : 'login',
      client: { id: request.clientId, name },
      signedIn: auth !== null,
      scopes: missing,
      levelTooLow:
        auth && EsiaAuthorizationService.unconfirmed(confirmedOnly, auth)
          ? { required: 'confirmed', current: auth.account.level }
          : null,
    };
  }

  /** «Предоставить»: the consent remembered (the same rows as OpenID Connect's), then the code. */
  async confirm(id: string, browserHash: string, actor: CitizenActor, auth: Authenticated): Promise<string> {
    const { request, confirmedOnly } = await this.load(id, browserHash);
    if (EsiaAuthorizationService.unconfirmed(confirmedOnly, auth))
      throw new AppError('account.level_too_low');
    await this.deps.consents.give(actor, request.clientId, request.scopes, undefined);
    return this.complete(request, auth);
  }

  /**
   * «Отказать»: the system gets ESIA-007004 (access_denied) with its state; «Вернуться в систему»
   * of an unconfirmed person at a system that takes only confirmed accounts: ESIA-007055.
   */
  async abort(id: string, browserHash: string, auth: Authenticated | null): Promise<string> {
    const { request, confirmedOnly } = await this.load(id, browserHash);
    if (!(await deleteEsiaRequest(this.deps.db, request.id)))
      throw new AppError('oidc.interaction_not_found');
    const code = EsiaAuthorizationService.unconfirmed(confirmedOnly, auth) ? 'ESIA-007055' : 'ESIA-007004';
    return redirectWith(request.redirectUri, new EsiaError(code).body(request.state));
  }

  /** The code, single-use and short-lived, kept as its hash; the request ends with it. */
  private async complete(request: EsiaRequestRow, auth: Authenticated): Promise<string> {
    const { db, clock, lookup } = this.deps;
    const now = clock.now();
    const code = randomToken(32);
    await db.transaction(async (tx) => {
      if (!(await deleteEsiaRequest(tx, request.id))) throw new AppError('oidc.interaction_not_found');
      await insertEsiaCode(tx, {
        codeHash: sha256Hex(code),
        clientId: request.clientId,
        accountId: auth.account.id,
        version: request.version,
        redirectUri: request.redirectUri,
        scopes: request.scopes,
        accessType: request.accessType,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
        sid: sidOf(lookup, auth),
        authMethod: auth.session.authMethod,
        authTime: auth.session.createdAt,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        consumedAt: null,
      });
    });
    return redirectWith(request.redirectUri, { code, state: request.state });
  }
}

/**
 * `scope`: space-separated, each allowed to the system (its registered scopes), `openid` among
 * them (ESIA-007006 otherwise); none at all is ESIA-007013.
 */
export function parseScopes(scope: string, allowed: readonly string[]): string[] {
  const scopes = [...new Set(scope.split(' ').filter(Boolean))];
  if (!scopes.length) throw new EsiaError('ESIA-007013');
  if (!scopes.includes('openid') || scopes.some((s) => !allowed.includes(s)))
    throw new EsiaError('ESIA-007006');
  return scopes;
}
