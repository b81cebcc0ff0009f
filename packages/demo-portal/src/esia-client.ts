import { randomUUID } from 'node:crypto';

/**
 * The demo system's side of ESIA's v2/v3 protocol, as the public client library ilimurzin/esia 4.x
 * does it (reference §2.3-2.4): the authorization address and the token form carry a client secret,
 * a raw GOST R 34.10-2012 signature over the parameters in a fixed order, and the Streebog hash of
 * the system's certificate. It knows OpenESIA only by ESIA's addresses under `portalUrl`; the key
 * stays with whoever passes `sign` (the server, in demo mode).
 */
export interface EsiaClientOptions {
  /** where ESIA's addresses are: `${portalUrl}/aas/oauth2/v2/ac`, `/rs/prns/…` */
  portalUrl: string;
  clientId: string;
  redirectUri: string;
  /** signs the UTF-8 bytes of the message: the raw 64-byte GOST R 34.10-2012 signature */
  sign: (message: Uint8Array) => Promise<Uint8Array>;
  /** Streebog-256 of the system's DER certificate, hex */
  certificateHash: () => Promise<string>;
  now?: () => Date;
}

/** `yyyy.MM.dd HH:mm:ss +0000`: ESIA's request time, in UTC as the library's server would send it. */
export function esiaTimestamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getUTCFullYear()}.${p(at.getUTCMonth() + 1)}.${p(at.getUTCDate())} ` +
    `${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000`
  );
}

/** What the v2 secret signs: client_id, scope, scope_org, timestamp, state, redirect_uri (and the code at /v3/te). */
export function secretMessage(p: {
  clientId: string;
  scope: string;
  scopeOrg: string;
  timestamp: string;
  state: string;
  redirectUri: string;
  code?: string;
}): string {
  return p.clientId + p.scope + p.scopeOrg + p.timestamp + p.state + p.redirectUri + (p.code ?? '');
}

/** A JWT's payload, read without checking its signature, as ESIA libraries read the tokens they are given. */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new EsiaAnswerError('the token is not a JWT');
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new EsiaAnswerError('the token is not a JWT');
  return value as Record<string, unknown>;
}

/** ESIA refused (the `error` and `error_description: "ESIA-0070xx: …"` it answered). */
export class EsiaRefusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

/** ESIA's answer was not what the protocol says (a state that does not match, no token). */
export class EsiaAnswerError extends Error {}

export interface EsiaTokens {
  accessToken: string;
  idToken: string;
  /** the access token's `urn:esia:sbj_id`: the person's oid */
  oid: string;
  /** the scopes granted, without their `?oid=` binding */
  scopes: string[];
  idClaims: Record<string, unknown>;
}

export class EsiaClient {
  private readonly now: () => Date;

  constructor(private readonly o: EsiaClientOptions) {
    this.now = o.now ?? (() => new Date());
  }

  private async secret(message: string): Promise<string> {
    // base64url without padding, as ilimurzin/esia's OpenSSLSigner sends it.
    return Buffer.from(await this.o.sign(new TextEncoder().encode(message))).toString('base64url');
  }

  /** The `/aas/oauth2/v2/ac` address for these scopes, and the state the callback must see again. */
  async authorizationUrl(scopes: string[]): Promise<{ url: string; state: string }> {
    const { clientId, redirectUri } = this.o;
    const scope = scopes.join(' ');
    const state = randomUUID();
    const timestamp = esiaTimestamp(this.now());
    const clientSecret = await this.secret(
      secretMessage({ clientId, scope, scopeOrg: '', timestamp, state, redirectUri }),
    );
    // ilimurzin/esia's order (Esia::buildUrl), access_type online: the demo keeps no refresh token.
    const query = new URLSearchParams({
      client_id: clientId,
      client_certificate_hash: await this.o.certificateHash(),
      client_secret: clientSecret,
      redirect_uri: redirectUri,
      scope,
      scope_org: '',
      response_type: 'code',
      state,
      access_type: 'online',
      timestamp,
    });
    return { url: `${this.o.portalUrl}/aas/oauth2/v2/ac?${query}`, state };
  }

  /** `/aas/oauth2/v3/te`: the code for tokens, under a fresh state that the answer must repeat. */
  async exchange(code: string, scopes: string[]): Promise<EsiaTokens> {
    const { clientId, redirectUri } = this.o;
    const scope = scopes.join(' ');
    const state = randomUUID();
    const timestamp = esiaTimestamp(this.now());
    const clientSecret = await this.secret(
      secretMessage({ clientId, scope, scopeOrg: '', timestamp, state, redirectUri, code }),
    );
    const body = new URLSearchParams({
      client_id: clientId,
      code,
      grant_type: 'authorization_code',
      client_certificate_hash: await this.o.certificateHash(),
      client_secret: clientSecret,
      state,
      redirect_uri: redirectUri,
      scope,
      scope_org: '',
      timestamp,
      token_type: 'Bearer',
    });
    const res = await fetch(`${this.o.portalUrl}/aas/oauth2/v3/te`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!answer) throw new EsiaAnswerError(`the token endpoint answered ${res.status}, not JSON`);
    if (typeof answer.error === 'string')
      throw new EsiaRefusal(answer.error, String(answer.error_description ?? ''));
    if (answer.state !== state) throw new EsiaAnswerError('the token answer names another state');
    if (typeof answer.access_token !== 'string' || typeof answer.id_token !== 'string')
      throw new EsiaAnswerError('the token answer has no tokens');
    const access = jwtPayload(answer.access_token);
    const idClaims = jwtPayload(answer.id_token);
    const oid = access['urn:esia:sbj_id'];
    if (typeof oid !== 'number' && typeof oid !== 'string')
      throw new EsiaAnswerError('the access token names no urn:esia:sbj_id');
    if (idClaims.aud !== clientId) throw new EsiaAnswerError('the id token is for another system');
    return {
      accessToken: answer.access_token,
      idToken: answer.id_token,
      oid: String(oid),
      scopes: String(access.scope ?? '')
        .split(' ')
        .filter(Boolean)
        .map((s) => s.replace(/\?.*$/, '')),
      idClaims,
    };
  }

  /** GET `/rs/prns/{oid}…` with the access token; a refusal (`{code, message}`) is an EsiaRefusal. */
  async rest(accessToken: string, path: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.o.portalUrl}/rs/${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    const answer = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!answer) throw new EsiaAnswerError(`/rs/${path} answered ${res.status}, not JSON`);
    if (!res.ok) throw new EsiaRefusal(String(answer.code ?? res.status), String(answer.message ?? ''));
    return answer;
  }

  /** `/idp/ext/Logout`: ends the person's ESIA session, then back to `redirectUrl`. */
  logoutUrl(redirectUrl: string): string {
    const query = new URLSearchParams({ client_id: this.o.clientId, redirect_url: redirectUrl });
    return `${this.o.portalUrl}/idp/ext/Logout?${query}`;
  }
}
