import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { SESSION_COOKIE, sessionActor } from './auth.js';
import type { AppContext } from './context.js';
import { installErrorHandling, requestErrorOptions } from './errors.js';
import { registerDemoPortalApp } from './demo-portal.js';
import { registerEsiaInterface } from './esia.js';
import { registerOidcProvider } from './oidc.js';
import { registerRoutes } from './routes/index.js';
import { registerWebApp, webDistExists } from './static.js';
import { AppError } from '../lib/errors.js';
import type { Action } from '../domain/policy/policy.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes that a foreign system calls without our cookie (OIDC, ESIA-compatible API, health). */
/**
 * What a session signed in with a temporary password may do: read the session, set a password,
 * leave, and what needs no session at all (a public page, the workstation with its own session).
 */
const WITH_TEMPORARY_PASSWORD: ReadonlySet<Action> = new Set<Action>([
  'session.read',
  'session.sign_out',
  'session.sign_in',
  'citizen.change_temporary_password',
  'health.read',
  'center.read_public',
  'demo.read_accounts',
  'demo.download_head_certificate',
  'test_ca.download',
  'complaint.submit',
]);
function usableWithTemporaryPassword(action: Action): boolean {
  return WITH_TEMPORARY_PASSWORD.has(action) || action.startsWith('workstation.');
}

export const CSRF_EXEMPT_PREFIXES = ['/api/health', '/oauth', '/aas', '/rs', '/.well-known'];

/**
 * The request as the access log records it: the path without its query string. Tokens in links
 * (e-mail confirmation, OAuth codes and states) and personal data typed into a search must not
 * land in server logs (152-ФЗ, ст. 19; OWASP Logging Cheat Sheet: "session identifiers, access
 * tokens ... should not be recorded directly in the logs").
 */
export function serializeRequest(req: {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}): { method: string; url: string; remoteAddress?: string; remotePort?: number } {
  const query = req.url.indexOf('?');
  return {
    method: req.method,
    url: query === -1 ? req.url : req.url.slice(0, query),
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Fastify's trustProxy from TRUST_PROXY. A list is compiled by proxy-addr. A hop count is given as
 * a function: Fastify reads a bare number as "trust nothing", and Express's meaning of a count is
 * the one people configure — the client is the address that many hops before the socket's peer.
 */
function trustProxyOption(
  trust: AppContext['config']['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

export async function buildApp(
  ctx: AppContext,
  options: { serveWeb?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // A child with our request serializer: Fastify logs `req.url` on every request otherwise.
    loggerInstance: ctx.logger.child({}, { serializers: { req: serializeRequest } }),
    // X-Forwarded-For is believed only from the configured proxies (TRUST_PROXY, off by default):
    // from anyone else it is the client's own claim, and request.ip stays the socket's peer.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    bodyLimit: 256 * 1024,
    // A stuck client must not hold a connection open for ever.
    requestTimeout: 30_000,
    // Refusals before any route, and those of Node's HTTP parser, in our error shape.
    ...requestErrorOptions,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = options.serveWeb !== false && webDistExists();
  installErrorHandling(app, { spaFallback: serveWeb });

  // Helmet's headers on every answer, from one middleware built here: @fastify/helmet builds a new
  // helmet (its CSP directives parsed and checked again) on every request, a measurable share of a
  // sign-in's main-thread time (docs/PERFORMANCE.md). Same options, same headers.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // the public map's raster tiles, when MAP_TILE_URL names a tile server
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(ctx.config.map.tileOrigin ? [ctx.config.map.tileOrigin] : []),
        ],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    hsts: ctx.config.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    ),
  );
  await app.register(fastifyCookie, { secret: ctx.config.sessionSecret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'oesia_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      signed: true,
      secure: ctx.config.secureCookies,
    },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OpenESIA API',
        version: '0.1.0',
        description: 'Единая система идентификации и аутентификации — открытая реализация',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('auth', null);
  // No initial value: Fastify refuses an object (it would be shared by every request); the hook
  // below sets it on every /api route, before any audience's hook reads it.
  app.decorateRequest('actor');
  app.addHook('onRequest', async (request, reply) => {
    // Decided on the route the router matched, never on the raw URL: the router decodes it, so
    // `/%61pi/logout` runs /api/logout while a test of request.url would see no API path at all.
    // An address that matches no route (`/API/login`, `//api/login`) gets a 404 and no handler.
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    request.auth = await ctx.services.sessions.resolve(request.cookies[SESSION_COOKIE]);
    // Who acts, as the session says; the audience's hook (routes/audience.ts) looks at the roles.
    request.actor = sessionActor(request.auth);
    // A temporary password issued at a service center: nothing but setting one's own (and leaving).
    const action = request.routeOptions.config.action;
    if (request.auth?.account.passwordMustChange && action && !usableWithTemporaryPassword(action))
      throw new AppError('auth.password_change_required');
    // Double-submit CSRF check (token from GET /api/session, secret in a signed cookie).
    if (MUTATING.has(request.method) && !CSRF_EXEMPT_PREFIXES.some((p) => route.startsWith(p))) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
  });

  await app.register(async (api) => registerRoutes(api.withTypeProvider<ZodTypeProvider>(), ctx), {
    prefix: '/api',
  });
  await registerOidcProvider(app, ctx);
  await registerEsiaInterface(app, ctx);
  await registerDemoPortalApp(app, ctx);
  if (serveWeb) await registerWebApp(app);
  return app;
}
