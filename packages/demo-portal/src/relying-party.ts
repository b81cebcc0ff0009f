import * as client from 'openid-client';

export interface RelyingPartyOptions {
  /** the provider's issuer; its metadata is read from `${issuer}/.well-known/openid-configuration` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/** What one sign-in needs to be finished, kept by the browser in a sealed cookie. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What the portal received, kept by the browser in a sealed cookie. */
export interface SignedIn {
  idToken: string;
  claims: Record<string, unknown>;
  userinfo: Record<string, unknown>;
  scope: string;
}

/** The provider's metadata is read again after this long (its keys rotate: docs/OIDC.md). */
const METADATA_TTL_MS = 10 * 60_000;

/**
 * The portal's side of the authorization code flow, by openid-client over HTTP, knowing the
 * provider only by its discovery document: PKCE S256 (RFC 7636; RFC 9700 §2.1.1), state against
 * CSRF on the redirect (RFC 6749 §10.12) and a nonce bound to the id token (OIDC Core §3.1.2.1),
 * `client_secret_basic` as the registry has the demo system.
 */
export class OidcRelyingParty {
  private metadata: { at: number; config: Promise<client.Configuration> } | null = null;

  constructor(private readonly options: RelyingPartyOptions) {}

  private configuration(): Promise<client.Configuration> {
    if (this.metadata && Date.now() - this.metadata.at < METADATA_TTL_MS) return this.metadata.config;
    const issuer = new URL(this.options.issuer);
    const config = client.discovery(
      issuer,
      this.options.clientId,
      undefined,
      client.ClientSecretBasic(this.options.clientSecret),
      // Demo mode on a developer's machine answers over plain HTTP; anywhere else, HTTPS only.
      issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    const metadata = { at: Date.now(), config };
    this.metadata = metadata;
    // A provider not up yet (the first request at start) must not be remembered as unreachable.
    config.catch(() => {
      if (this.metadata === metadata) this.metadata = null;
    });
    return config;
  }

  /** The scopes the provider publishes, for the choice on the start page. */
  async scopesSupported(): Promise<string[]> {
    return (await this.configuration()).serverMetadata().scopes_supported ?? [];
  }

  /** The provider's authorization address for these scopes, and what the callback must check. */
  async start(scopes: string[], acrValues: string | null): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.options.redirectUri,
      scope: ['openid', ...scopes].join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (acrValues) parameters.acr_values = acrValues;
    return { url: client.buildAuthorizationUrl(config, parameters), pending };
  }

  /**
   * The callback: the code exchanged at the token endpoint with the verifier, the id token's
   * signature, issuer, audience and nonce checked, then the user info for the same subject.
   * `callbackQuery` is the query string the provider sent the browser back with.
   */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<SignedIn> {
    const config = await this.configuration();
    const current = new URL(this.options.redirectUri);
    current.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    return {
      idToken: tokens.id_token!,
      claims: { ...claims },
      userinfo: { ...userinfo },
      scope: tokens.scope ?? '',
    };
  }

  /** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): back to the portal after. */
  async logoutUrl(idToken: string): Promise<URL> {
    const config = await this.configuration();
    return client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.options.postLogoutRedirectUri,
    });
  }
}

/** The OAuth error code of a refusal the provider sent back (OIDC Core §3.1.2.6), if it was one. */
export function authorizationError(error: unknown): string | null {
  return error instanceof client.AuthorizationResponseError ? error.error : null;
}
