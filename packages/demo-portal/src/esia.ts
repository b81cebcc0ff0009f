import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { EsiaAnswerError, EsiaClient, EsiaRefusal } from './esia-client.js';
import {
  esiaRefusedPage,
  esiaSignedInPage,
  esiaStartPage,
  offeredScopes,
  type EsiaPageContext,
  type EsiaSignedIn,
} from './esia-pages.js';
import { esiaRefusalText } from './labels.js';
import { CookieSealer } from './sealed-cookie.js';

export interface DemoEsiaOptions {
  /** where the app answers on its host, e.g. /demo-esia */
  base: string;
  /** the host's public address: ESIA's addresses and the registered redirect URI are under it */
  publicUrl: string;
  clientId: string;
  /** the system's signer: the raw GOST R 34.10-2012 signature of the message (the key stays with the caller) */
  sign: (message: Uint8Array) => Promise<Uint8Array>;
  /** Streebog-256 of the system's DER certificate, hex */
  certificateHash: () => Promise<string>;
  cookieSecret: string;
  secureCookies: boolean;
  /** the OpenID Connect sibling (index.ts), for a link */
  oidcDemo?: string;
}

interface Flow {
  state: string;
  scopes: string[];
}

const FLOW_COOKIE = 'demo_esia_flow';
const SESSION_COOKIE = 'demo_esia_session';
const FLOW_MAX_AGE_S = 15 * 60;
const SESSION_MAX_AGE_S = 60 * 60;
const UNREACHABLE = 'Система не может связаться с ЕСИА (OpenESIA). Попробуйте через минуту.';

const elements = (collection: unknown): Record<string, unknown>[] => {
  const list = (collection as { elements?: unknown } | undefined)?.elements;
  return Array.isArray(list)
    ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    : [];
};

/**
 * «Портал услуг — вход через ЕСИА (демо)» (issue 13): the demo system of the ESIA-compatible
 * interface, doing what an integrator's system with an ESIA client library does (esia-client.ts),
 * over HTTP to the server's public address. Like its OpenID Connect sibling it keeps the sign-in's
 * state and what it received in sealed cookies, nothing in process memory.
 */
export async function registerDemoEsia(app: FastifyInstance, options: DemoEsiaOptions): Promise<void> {
  const base = options.base.replace(/\/$/, '');
  const redirectUri = `${options.publicUrl}${base}/callback`;
  const esia = new EsiaClient({
    portalUrl: options.publicUrl,
    clientId: options.clientId,
    redirectUri,
    sign: options.sign,
    certificateHash: options.certificateHash,
  });
  const sealer = new CookieSealer(options.cookieSecret);
  const page: EsiaPageContext = {
    base,
    portalUrl: options.publicUrl,
    clientId: options.clientId,
    redirectUri,
    oidcDemo: options.oidcDemo,
  };
  const cookie = (maxAge: number) => ({
    path: base,
    httpOnly: true,
    // Lax: ESIA's redirect back to /callback is a top-level navigation that must carry the flow cookie.
    sameSite: 'lax' as const,
    secure: options.secureCookies,
    maxAge,
  });
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const signedIn = (request: FastifyRequest) =>
    sealer.open<EsiaSignedIn>(SESSION_COOKIE, request.cookies[SESSION_COOKIE]);

  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true } as FastifySchema;
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', (_request, _payload, done) => done(null));
    scope.setErrorHandler((error, request, reply) => {
      if (error instanceof EsiaAnswerError) {
        request.log.warn({ err: error }, 'demo esia: ESIA answered out of protocol');
        return html(
          reply,
          esiaRefusedPage(page, 'Ответ ЕСИА не прошёл проверку системы.', error.message),
          502,
        );
      }
      // ESIA out of reach, or no key to sign with (the demo seed has not run).
      request.log.warn({ err: error }, 'demo esia: cannot reach ESIA or sign');
      return html(reply, esiaRefusedPage(page, UNREACHABLE), 503);
    });

    scope.get(base, (_request, reply) => reply.redirect(`${base}/`));

    scope.get(`${base}/`, (request, reply) => {
      const session = signedIn(request);
      return html(reply, session ? esiaSignedInPage(page, session) : esiaStartPage(page));
    });

    scope.get<{ Querystring: { scope?: string | string[] } }>(`${base}/login`, async (request, reply) => {
      const asked = request.query.scope;
      const chosen = new Set(Array.isArray(asked) ? asked : asked ? [asked] : []);
      // Only what the system offers, in its order: the same string is signed again at /v3/te.
      const scopes = ['openid', ...offeredScopes.filter((s) => chosen.has(s))];
      const { url, state } = await esia.authorizationUrl(scopes);
      reply.setCookie(
        FLOW_COOKIE,
        sealer.seal(FLOW_COOKIE, { state, scopes } satisfies Flow, FLOW_MAX_AGE_S),
        cookie(FLOW_MAX_AGE_S),
      );
      return reply.redirect(url, 303);
    });

    scope.get<{ Querystring: Record<string, string | string[] | undefined> }>(
      `${base}/callback`,
      async (request, reply) => {
        const flow = sealer.open<Flow>(FLOW_COOKIE, request.cookies[FLOW_COOKIE]);
        // One use: a replayed answer finds no flow.
        reply.clearCookie(FLOW_COOKIE, { path: base });
        const one = (name: string) => {
          const v = request.query[name];
          return typeof v === 'string' ? v : undefined;
        };
        if (!flow)
          return html(reply, esiaRefusedPage(page, 'Вход устарел или начат в другом браузере.'), 400);
        // The state the system sent (RFC 6749 §10.12): an answer to another request is not read.
        if (one('state') !== flow.state)
          return html(reply, esiaRefusedPage(page, 'Ответ ЕСИА относится к другому запросу входа.'), 400);
        const error = one('error');
        if (error) {
          const description = one('error_description') ?? '';
          return html(
            reply,
            esiaRefusedPage(page, esiaRefusalText(error, description), description || error),
          );
        }
        const code = one('code');
        if (!code) return html(reply, esiaRefusedPage(page, 'ЕСИА не вернула код авторизации.'), 400);
        let received: EsiaSignedIn;
        try {
          const tokens = await esia.exchange(code, flow.scopes);
          const granted = new Set(tokens.scopes);
          const person = await esia.rest(
            tokens.accessToken,
            `prns/${tokens.oid}?embed=(contacts.elements,documents.elements)`,
          );
          const { contacts, documents, ...rest } = person;
          const collections: EsiaSignedIn['collections'] = {};
          // Each collection only under its scope, as a library reads it (else ESIA-005029).
          if (['contacts', 'email', 'mobile'].some((s) => granted.has(s)))
            collections.ctts = elements(
              await esia.rest(tokens.accessToken, `prns/${tokens.oid}/ctts?embed=(elements)`),
            ).length;
          if (granted.has('id_doc'))
            collections.docs = elements(
              await esia.rest(tokens.accessToken, `prns/${tokens.oid}/docs?embed=(elements)`),
            ).length;
          received = {
            oid: tokens.oid,
            scopes: tokens.scopes,
            idClaims: tokens.idClaims,
            person: rest,
            contacts: elements(contacts),
            documents: elements(documents),
            collections,
          };
        } catch (err) {
          if (!(err instanceof EsiaRefusal)) throw err;
          return html(
            reply,
            esiaRefusedPage(page, esiaRefusalText(err.error, err.description), err.description || err.error),
          );
        }
        reply.setCookie(
          SESSION_COOKIE,
          sealer.seal(SESSION_COOKIE, received, SESSION_MAX_AGE_S),
          cookie(SESSION_MAX_AGE_S),
        );
        return reply.redirect(`${base}/`, 303);
      },
    );

    // A form's POST, as in the OpenID Connect demo: a link from another site cannot sign out.
    scope.post(`${base}/logout`, (request, reply) => {
      const session = signedIn(request);
      reply.clearCookie(SESSION_COOKIE, { path: base });
      if (!session) return reply.redirect(`${base}/`, 303);
      return reply.redirect(esia.logoutUrl(`${options.publicUrl}${base}/`), 303);
    });
  });
}
