import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { refusalText } from './labels.js';
import { refusedPage, requiredLevels, signedInPage, startPage, type PageContext } from './pages.js';
import { authorizationError, OidcRelyingParty, type PendingSignIn, type SignedIn } from './relying-party.js';
import { CookieSealer } from './sealed-cookie.js';

export interface DemoPortalOptions {
  /** where the portal answers on its host, e.g. /demo-portal */
  base: string;
  /** the host's public address: the redirect URIs the registry holds are under it */
  publicUrl: string;
  /** the OpenID Connect provider's issuer */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** seals the portal's cookies; the same in every process that serves the portal */
  cookieSecret: string;
  secureCookies: boolean;
  /** where the sibling demo on the ESIA-compatible interface is mounted (esia.ts), for a link */
  esiaDemo?: string;
}

const UNREACHABLE = 'Портал не может связаться с OpenESIA. Попробуйте через минуту.';
const FLOW_COOKIE = 'demo_portal_flow';
const SESSION_COOKIE = 'demo_portal_session';
/** A sign-in not finished in this time starts over (the provider's code lives 60 s, its step an hour). */
const FLOW_MAX_AGE_S = 15 * 60;
const SESSION_MAX_AGE_S = 60 * 60;

/**
 * «Портал услуг», the demo relying party (issue 13): a system of its own that signs a citizen in
 * through the OpenID Connect provider and shows what it received. It talks to the provider only
 * over HTTP, as any integrator's system does (openid-client), and keeps nothing in process memory
 * but the provider's metadata: a sign-in's state, nonce and PKCE verifier, and afterwards what it
 * received, live in the browser in sealed cookies (sealed-cookie.ts), so any process serves any
 * step. Mounted by the OpenESIA server in demo mode; its sibling on the ESIA-compatible interface
 * is esia.ts.
 */
export async function registerDemoPortal(app: FastifyInstance, options: DemoPortalOptions): Promise<void> {
  const base = options.base.replace(/\/$/, '');
  const redirectUri = `${options.publicUrl}${base}/callback`;
  const party = new OidcRelyingParty({
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri,
    postLogoutRedirectUri: `${options.publicUrl}${base}/`,
  });
  const sealer = new CookieSealer(options.cookieSecret);
  const page: PageContext = {
    base,
    issuer: options.issuer,
    clientId: options.clientId,
    redirectUri,
    esiaDemo: options.esiaDemo,
  };
  // Lax, not strict: the provider's redirect back to /callback is a top-level navigation that
  // must carry the flow cookie (RFC 6265bis §8.8.2).
  const cookie = (maxAge: number) => ({
    path: base,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
    maxAge,
  });
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const signedIn = (request: FastifyRequest) =>
    sealer.open<SignedIn>(SESSION_COOKIE, request.cookies[SESSION_COOKIE]);

  await app.register(async (scope) => {
    // Pages of another system, not operations of OpenESIA's API document (@fastify/swagger's
    // `hide`, a key FastifySchema does not declare).
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true } as FastifySchema;
    });
    // «Выйти» is a form's POST with an empty body: read nothing, refuse nothing.
    scope.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null));
    // The provider out of reach (not up yet, or PUBLIC_URL does not lead to it): a page, not a 500.
    scope.setErrorHandler((error, request, reply) => {
      request.log.warn({ err: error }, 'demo portal: the provider is unreachable');
      return html(reply, refusedPage(page, UNREACHABLE), 503);
    });

    scope.get(base, (_request, reply) => reply.redirect(`${base}/`));

    scope.get(`${base}/`, async (request, reply) => {
      const session = signedIn(request);
      if (session) return html(reply, signedInPage(page, session));
      return html(reply, startPage(page, await party.scopesSupported()));
    });

    scope.get<{ Querystring: { scope?: string | string[]; acr?: string } }>(
      `${base}/login`,
      async (request, reply) => {
        const asked = request.query.scope;
        const scopes = [...new Set(Array.isArray(asked) ? asked : asked ? [asked] : [])];
        const supported = new Set(await party.scopesSupported());
        // Only what the provider publishes; an unknown scope would earn the person an error page.
        const chosen = scopes.filter((s) => supported.has(s));
        const acr = requiredLevels.some((l) => l.value === request.query.acr && l.value)
          ? request.query.acr!
          : null;
        const { url, pending } = await party.start(chosen, acr);
        reply.setCookie(
          FLOW_COOKIE,
          sealer.seal(FLOW_COOKIE, pending, FLOW_MAX_AGE_S),
          cookie(FLOW_MAX_AGE_S),
        );
        return reply.redirect(url.toString(), 303);
      },
    );

    scope.get(`${base}/callback`, async (request, reply) => {
      const pending = sealer.open<PendingSignIn>(FLOW_COOKIE, request.cookies[FLOW_COOKIE]);
      // One use: the flow's values never serve a second answer (a replayed code or state).
      reply.clearCookie(FLOW_COOKIE, { path: base });
      if (!pending) return html(reply, refusedPage(page, 'Вход устарел или начат в другом браузере.'), 400);
      const query = request.raw.url!.slice(request.raw.url!.indexOf('?') + 1);
      let result: SignedIn;
      try {
        result = await party.finish(query.includes('=') ? query : '', pending);
      } catch (error) {
        const refusal = authorizationError(error);
        if (!refusal) request.log.warn({ err: error }, 'demo portal: the sign-in did not complete');
        return html(reply, refusedPage(page, refusalText(refusal ?? 'failed')), refusal ? 200 : 502);
      }
      reply.setCookie(
        SESSION_COOKIE,
        sealer.seal(SESSION_COOKIE, result, SESSION_MAX_AGE_S),
        cookie(SESSION_MAX_AGE_S),
      );
      return reply.redirect(`${base}/`, 303);
    });

    // A form's POST: a link from another site cannot sign the person out (the cookie is SameSite=Lax).
    scope.post(`${base}/logout`, async (request, reply) => {
      const session = signedIn(request);
      reply.clearCookie(SESSION_COOKIE, { path: base });
      if (!session) return reply.redirect(`${base}/`, 303);
      return reply.redirect((await party.logoutUrl(session.idToken)).toString(), 303);
    });
  });
}

export { registerDemoEsia, type DemoEsiaOptions } from './esia.js';
