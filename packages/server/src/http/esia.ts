import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EsiaError } from '../esia/errors.js';
import { renderEsiaErrorPage, renderLogoutPage } from '../esia/pages.js';
import { EsiaParams } from '../esia/params.js';
import { EsiaRestError, parseEmbed, parseRestPath } from '../esia/rest.js';
import { sha256Hex, randomToken } from '../lib/crypto.js';
import type { EsiaVersion } from '../services/esia/authorization.js';
import { EsiaTokenRefusal } from '../services/esia/exchange.js';
import { clearSessionCookie, SESSION_COOKIE } from './auth.js';
import type { AppContext } from './context.js';

/** The cookie that binds a pending ESIA request to its browser (its hash is in esia_requests). */
export const ESIA_BROWSER_COOKIE = 'oesia_esia';

/** The browser's binding to its pending requests: the hash of its cookie (none: matches nothing). */
export const esiaBrowserHash = (cookie: string | undefined): string =>
  sha256Hex(`esia-browser:${cookie ?? ''}`);

/** The ESIA-compatible interface's root paths (not under /api: clients call ESIA's own addresses). */
export const ESIA_PREFIXES = ['/aas/', '/rs/', '/idp/'];

function rawQuery(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i + 1);
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/**
 * ESIA's endpoints at ESIA's paths (issue 13; reference §2.1): `/aas/oauth2/v2/ac`, `/v3/te`, the
 * legacy `/aas/oauth2/ac` and `/te`, `/idp/ext/Logout`, and the REST API `/rs/*`. Answers keep
 * ESIA's shapes: a refusal at /ac is a redirect with `error`, `error_description: "ESIA-0070xx: …"`
 * and `state` (or our page until the redirect_uri is proven), at /te JSON. Whatever the input —
 * a body of another type, a NUL, a huge value — the answer is an ESIA error, never a 500.
 */
export async function registerEsiaInterface(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // The token endpoint takes a form (RFC 6749 §4.1.3); any other body is read as text and
    // found wanting by the parameter checks, in ESIA's shape rather than a 415.
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      if ((error.statusCode ?? 500) >= 500) request.log.error({ err: error }, 'esia interface error');
      const refusal = new EsiaError((error.statusCode ?? 500) >= 500 ? 'ESIA-007007' : 'ESIA-007003');
      return noStore(reply)
        .status((error.statusCode ?? 500) >= 500 ? 500 : 400)
        .send(refusal.body(undefined));
    });

    const authorize = (version: EsiaVersion) => async (request: FastifyRequest, reply: FastifyReply) => {
      let browser = request.cookies[ESIA_BROWSER_COOKIE];
      if (!browser || !/^[A-Za-z0-9_-]{43}$/.test(browser)) {
        browser = randomToken(32);
        reply.setCookie(ESIA_BROWSER_COOKIE, browser, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
        });
      }
      const params = EsiaParams.parse(rawQuery(request));
      const outcome = await ctx.services.esiaAuthorization.authorize(
        version,
        params,
        esiaBrowserHash(browser),
      );
      noStore(reply);
      if (outcome.kind === 'page')
        return reply.status(400).type('text/html; charset=utf-8').send(renderEsiaErrorPage(outcome.error));
      return reply.redirect(outcome.location, 302);
    };
    scope.get('/aas/oauth2/v2/ac', { schema: { hide: true } }, authorize('v2'));
    scope.get('/aas/oauth2/ac', { schema: { hide: true } }, authorize('v1'));

    const token = (version: EsiaVersion) => async (request: FastifyRequest, reply: FastifyReply) => {
      const params = EsiaParams.parse(typeof request.body === 'string' ? request.body : '');
      noStore(reply);
      try {
        return reply.send(await ctx.services.esiaTokenEndpoint.exchange(version, params));
      } catch (err) {
        if (!(err instanceof EsiaTokenRefusal)) throw err;
        // RFC 6749 §5.2: invalid_client is 401, every other refusal 400.
        return reply
          .status(err.error.oauthError === 'invalid_client' ? 401 : 400)
          .send(err.error.body(err.state));
      }
    };
    scope.post('/aas/oauth2/v3/te', { schema: { hide: true } }, token('v2'));
    scope.post('/aas/oauth2/te', { schema: { hide: true } }, token('v1'));

    scope.get('/idp/ext/Logout', { schema: { hide: true } }, async (request, reply) => {
      const params = EsiaParams.parse(rawQuery(request));
      // A duplicated or malformed value is as good as none: the logout happens, the redirect not.
      const plain = (name: string) => {
        try {
          return params.get(name);
        } catch {
          return undefined;
        }
      };
      const auth = await ctx.services.sessions.resolve(request.cookies[SESSION_COOKIE]);
      const { redirectTo } = await ctx.services.esiaLogout.logout(
        plain('client_id'),
        plain('redirect_url'),
        auth,
      );
      if (auth) clearSessionCookie(reply, ctx.config);
      noStore(reply);
      if (redirectTo) return reply.redirect(redirectTo, 302);
      return reply.type('text/html; charset=utf-8').send(renderLogoutPage());
    });

    // The REST API: the bearer first (nothing is said about any address without a live token),
    // then the path as ESIA names it, read from the raw URL so no decoding can make `..` of `%2e%2e`.
    scope.all('/rs/*', { schema: { hide: true } }, async (request, reply) => {
      noStore(reply);
      try {
        const caller = await ctx.services.esiaRest.authenticate(request.headers.authorization);
        if (request.method !== 'GET' && request.method !== 'HEAD')
          throw new EsiaRestError('ESIA-005002', 'method');
        const raw = request.raw.url ?? '';
        const q = raw.indexOf('?');
        const path = parseRestPath(q === -1 ? raw : raw.slice(0, q));
        if (!path) throw new EsiaRestError('ESIA-005003', 'path');
        let embed: string | undefined;
        try {
          embed = EsiaParams.parse(rawQuery(request)).get('embed');
        } catch {
          throw new EsiaRestError('ESIA-005002', 'query');
        }
        return reply.send(await ctx.services.esiaRest.read(caller, path, parseEmbed(embed)));
      } catch (err) {
        if (!(err instanceof EsiaRestError)) throw err;
        if (err.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return reply.status(err.status).send(err.body());
      }
    });

    // Any other address under ESIA's prefixes: ESIA's shape, not the web app's page.
    const notFound = async (_request: FastifyRequest, reply: FastifyReply) =>
      noStore(reply).status(404).send(new EsiaError('ESIA-007003', 'address').body(undefined));
    for (const prefix of ESIA_PREFIXES.filter((p) => p !== '/rs/'))
      scope.all(`${prefix}*`, { schema: { hide: true } }, notFound);
  });
}
