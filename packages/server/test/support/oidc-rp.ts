import * as oidc from 'openid-client';
import { systemActor } from '../../src/domain/policy/actor.js';
import type { OidcClientInput } from '../../src/services/oidc/clients.js';
import { Browser } from './oidc.js';
import type { TestSystem } from './system.js';

/**
 * A relying party for the OpenID Connect tests: a system registered and approved in the registry,
 * `openid-client` (an independent implementation) speaking for it, and a browser walked from the
 * authorization request to the redirect back.
 */
export class RelyingParty {
  readonly redirectUri: string;

  private constructor(
    readonly sut: TestSystem,
    readonly clientId: string,
    readonly config: oidc.Configuration,
  ) {
    this.redirectUri = `${sut.url}/rp/callback`;
  }

  private static count = 0;

  static async register(
    sut: TestSystem,
    input: Partial<Omit<OidcClientInput, 'clientId'>> = {},
  ): Promise<RelyingParty> {
    const clientId = `CLAIMS_RP_${++RelyingParty.count}_${Date.now() % 100000}`;
    const test = systemActor('test');
    const { secret } = await sut.services.oidcClients.register(
      test,
      {
        clientId,
        name: `Тестовая система ${RelyingParty.count}`,
        redirectUris: [`${sut.url}/rp/callback`],
        scopes: ['openid'],
        authMethod: 'client_secret_basic',
        ...input,
      },
      { via: 'cli' },
    );
    await sut.services.oidcClients.setStatus(test, clientId, 'approved');
    const config = await oidc.discovery(
      new URL(`${sut.url}/oidc`),
      clientId,
      secret ? { client_secret: secret } : undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      { execute: [oidc.allowInsecureRequests] },
    );
    return new RelyingParty(sut, clientId, config);
  }

  /** The authorization request's address, with PKCE (S256) and a state. */
  async request(params: Record<string, string>) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: this.redirectUri,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...params,
    });
    return { url, verifier, state };
  }

  /**
   * Signs `person` in through `browser` for `scope` (consenting when asked) and exchanges the code.
   * `seen`: the paths the browser passed through.
   */
  async signIn(
    browser: Browser,
    person: { login: string; password: string },
    params: Record<string, string>,
    seen: string[] = [],
  ) {
    const request = await this.request(params);
    const callback = await walk(browser, request.url, this.redirectUri, person, seen);
    return oidc.authorizationCodeGrant(this.config, callback, {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
      ...(params.max_age ? { maxAge: Number(params.max_age) } : {}),
    });
  }

  userInfo(tokens: { access_token: string; claims(): oidc.IDToken | undefined }) {
    return oidc.fetchUserInfo(this.config, tokens.access_token, tokens.claims()!.sub);
  }
}

/**
 * Walks the browser from the authorization request to the redirect back to the system: signs in
 * to OpenESIA when sent to the sign-in page, consents when asked. Returns the callback address.
 */
export async function walk(
  browser: Browser,
  start: URL,
  redirectUri: string,
  person: { login: string; password: string },
  seen: string[] = [],
): Promise<URL> {
  let res = await browser.get(start.toString());
  for (let step = 0; step < 12; step++) {
    const location = res.location;
    if (!location) throw new Error(`stuck at ${res.status}: ${res.text.slice(0, 300)}`);
    const url = new URL(location);
    seen.push(url.pathname + url.search);
    if (location.startsWith(redirectUri)) return url;
    if (url.pathname === '/login') {
      await browser.signIn(person.login, person.password);
      const page = url.searchParams.get('next')!;
      res = await browser.get(`/api/oidc/interaction/${page.split('/').pop()}`);
      continue;
    }
    if (url.pathname.startsWith('/oidc-interaction/')) {
      const uid = url.pathname.split('/').pop()!;
      const details = await browser.get(`/api/oidc/interaction/${uid}/details`);
      if (details.status !== 200) throw new Error(`details: ${details.status} ${details.text}`);
      const answer = await browser.post(`/api/oidc/interaction/${uid}/confirm`);
      if (answer.status !== 200) throw new Error(`confirm: ${answer.status} ${answer.text}`);
      res = await browser.get(answer.json.redirectTo);
      continue;
    }
    res = await browser.get(location);
  }
  throw new Error('too many redirects');
}
