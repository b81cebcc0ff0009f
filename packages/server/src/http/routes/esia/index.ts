import { oidcInteractionSchema, oidcRedirectSchema, text } from '@openesia/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireCitizen } from '../../auth.js';
import { ESIA_BROWSER_COOKIE, esiaBrowserHash } from '../../esia.js';
import { errorResponses } from '../../errors.js';
import { audienceRouter } from '../audience.js';

// text(): a NUL or a lone surrogate in a path is refused (400) before the database sees it
const params = z.object({ id: text().min(1).max(64) });

const browserOf = (request: FastifyRequest): string => esiaBrowserHash(request.cookies[ESIA_BROWSER_COOKIE]);

/**
 * The sign-in and consent steps of an ESIA-compatible authorization (services/esia/authorization.ts),
 * as the OpenID Connect ones (routes/oidc): the same page (web portals/oidc) reads and answers them.
 */
export const esiaRouter = audienceRouter('public', (api, ctx) => {
  const esia = ctx.services.esiaAuthorization;

  api.get(
    '/esia/interaction/:id',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['esia'],
        summary: 'Шаг входа в систему через интерфейс ЕСИА: вход, согласие или возврат в систему с кодом',
        params,
        response: { 303: z.null(), ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request, reply) => {
      const to = await esia.enter(request.params.id, browserOf(request), request.auth);
      reply.header('cache-control', 'no-store');
      return reply.redirect(to, 303);
    },
  );

  api.get(
    '/esia/interaction/:id/details',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['esia'],
        summary: 'Что запрашивает система, подключённая через интерфейс ЕСИА',
        params,
        response: { 200: oidcInteractionSchema, ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return esia.view(request.params.id, browserOf(request), request.auth);
    },
  );

  api.post(
    '/esia/interaction/:id/confirm',
    {
      config: { action: 'oidc.give_consent' },
      schema: {
        tags: ['esia'],
        summary: 'Предоставить системе доступ к данным (интерфейс ЕСИА)',
        params,
        response: {
          200: oidcRedirectSchema,
          ...errorResponses(
            'oidc.interaction_not_found',
            'auth.required',
            'auth.forbidden',
            'account.level_too_low',
          ),
        },
      },
    },
    async (request) => {
      const { actor, auth } = requireCitizen(request);
      return { redirectTo: await esia.confirm(request.params.id, browserOf(request), actor, auth) };
    },
  );

  api.post(
    '/esia/interaction/:id/abort',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['esia'],
        summary: 'Отказать системе в доступе (интерфейс ЕСИА)',
        params,
        response: { 200: oidcRedirectSchema, ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request) => ({
      redirectTo: await esia.abort(request.params.id, browserOf(request), request.auth),
    }),
  );
});
