import { oidcConsentListSchema, oidcInteractionSchema, oidcRedirectSchema, text } from '@openesia/contracts';
import { z } from 'zod';
import { requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import { audienceRouter } from '../audience.js';

// text(): a NUL or a lone surrogate in a path is refused (400) before the database sees it
const params = z.object({ uid: text().min(1).max(64) });

/**
 * The steps of a sign-in to a relying party (node-oidc-provider's interactions, oidc/interactions.ts):
 * where the provider sends the browser, and the JSON the consent page uses. Anyone may reach them;
 * each is bound to its browser by the provider's cookie, whose path is this prefix.
 */
export const oidcRouter = audienceRouter('public', (api, ctx) => {
  const interactions = ctx.services.oidcInteractions;
  const raw = (request: { raw: any }, reply: { raw: any }) => ({ req: request.raw, res: reply.raw });

  api.get(
    '/oidc/interaction/:uid',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['oidc'],
        summary: 'Шаг входа в информационную систему: переход ко входу, согласию или обратно в систему',
        params,
        response: { 303: z.null(), ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request, reply) => {
      const to = await interactions.enter(raw(request, reply), request.params.uid, request.auth);
      reply.header('cache-control', 'no-store');
      return reply.redirect(to, 303);
    },
  );

  api.get(
    '/oidc/interaction/:uid/details',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['oidc'],
        summary: 'Что запрашивает система: её название, данные, требуемый уровень учётной записи',
        params,
        response: { 200: oidcInteractionSchema, ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return interactions.view(raw(request, reply), request.params.uid, request.auth);
    },
  );

  api.post(
    '/oidc/interaction/:uid/confirm',
    {
      config: { action: 'oidc.give_consent' },
      schema: {
        tags: ['oidc'],
        summary: 'Предоставить системе доступ к данным',
        params,
        response: {
          200: oidcRedirectSchema,
          ...errorResponses('oidc.interaction_not_found', 'auth.required', 'auth.forbidden'),
        },
      },
    },
    async (request, reply) => {
      const { actor, auth } = requireCitizen(request);
      const redirectTo = await interactions.confirm(raw(request, reply), request.params.uid, actor, auth);
      return { redirectTo };
    },
  );

  api.post(
    '/oidc/interaction/:uid/abort',
    {
      config: { action: 'oidc.interaction' },
      schema: {
        tags: ['oidc'],
        summary: 'Отказать системе в доступе (или вернуться в неё без входа)',
        params,
        response: { 200: oidcRedirectSchema, ...errorResponses('oidc.interaction_not_found') },
      },
    },
    async (request, reply) => {
      const redirectTo = await interactions.abort(raw(request, reply), request.params.uid, request.auth);
      return { redirectTo };
    },
  );

  api.get(
    '/oidc/consents',
    {
      config: { action: 'oidc.read_consents' },
      schema: {
        tags: ['oidc'],
        summary: 'Предоставленные разрешения: системы, которым гражданин дал доступ к данным',
        response: { 200: oidcConsentListSchema, ...errorResponses('auth.required') },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      reply.header('cache-control', 'no-store');
      return { consents: await ctx.services.oidcConsents.list(actor) };
    },
  );

  api.delete(
    '/oidc/consents/:clientId',
    {
      config: { action: 'oidc.withdraw_consent' },
      schema: {
        tags: ['oidc'],
        summary: 'Отозвать разрешение: система больше не получит данные, её токены перестают действовать',
        params: z.object({ clientId: text().min(1).max(64) }),
        response: { 204: z.null(), ...errorResponses('auth.required', 'oidc.consent_not_found') },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      await interactions.withdraw(actor, request.params.clientId);
      return reply.status(204).send(null);
    },
  );
});
