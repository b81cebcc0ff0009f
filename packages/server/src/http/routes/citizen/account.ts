import {
  childrenSchema,
  passwordPairSchema,
  signedInSchema,
  confirmationStateSchema,
  meSchema,
  personalDataInputSchema,
  personalDataViewSchema,
  postCodeSchema,
  postLetterOrderSchema,
} from '@openesia/contracts';
import { requestMeta, requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * The signed-in citizen's own account (audience: citizen, whose hook refuses anyone else):
 * the personal page, personal data and its checks (seed 000, section 1, step 2), and identity
 * confirmation by a code sent by letter (step 3).
 */
export function accountRoutes(api: Api, ctx: AppContext): void {
  const { personalData, confirmation } = ctx.services;
  // Limits per account (the audience is signed in), off when config.rateLimits is (tests).
  const limit = rateLimiter(ctx.config, 'account');

  api.get(
    '/me',
    {
      config: { action: 'citizen.read_profile' },
      schema: {
        tags: ['citizen'],
        summary: 'Личный кабинет: уровень учётной записи, проверки и следующий шаг',
        response: { 200: meSchema, ...errorResponses('auth.required') },
      },
    },
    async (request, reply) => {
      const { actor, auth } = requireCitizen(request);
      reply.header('cache-control', 'no-store');
      return personalData.me(actor, auth.account, auth.session.authMethod);
    },
  );

  api.get(
    '/me/children',
    {
      config: { action: 'citizen.read_children' },
      schema: {
        tags: ['citizen'],
        summary: '«Дети»: сведения о детях, добавленные в центре обслуживания',
        response: { 200: childrenSchema, ...errorResponses('auth.required') },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      reply.header('cache-control', 'no-store');
      return { children: await ctx.services.workstation.children(actor, actor.accountId) };
    },
  );

  api.post(
    '/auth/temporary-password',
    {
      config: { action: 'citizen.change_temporary_password', ...limit(20, 3600_000) },
      schema: {
        tags: ['citizen'],
        summary: '«Смена временного пароля»: первый вход после выдачи пароля в центре обслуживания',
        body: passwordPairSchema,
        response: { 200: signedInSchema, ...errorResponses('auth.required', 'conflict.stale') },
      },
    },
    async (request) => {
      const { actor, auth } = requireCitizen(request);
      const account = await ctx.services.authentication.changeTemporaryPassword(
        actor,
        auth,
        request.body,
        requestMeta(request),
      );
      return { account };
    },
  );

  api.get(
    '/me/personal-data',
    {
      config: { action: 'citizen.read_personal_data' },
      schema: {
        tags: ['citizen'],
        summary: 'Личные данные и состояние их проверки',
        response: { 200: personalDataViewSchema, ...errorResponses('auth.required') },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      reply.header('cache-control', 'no-store');
      return personalData.view(actor, actor.accountId);
    },
  );

  api.put(
    '/me/personal-data',
    {
      schema: {
        tags: ['citizen'],
        summary: 'Сохранить личные данные и отправить их на проверку в СФР и МВД',
        body: personalDataInputSchema,
        response: {
          200: personalDataViewSchema,
          ...errorResponses(
            'auth.required',
            'personal_data.checks_in_progress',
            'personal_data.locked_confirmed',
            'rate.limited',
          ),
        },
      },
      config: { action: 'citizen.update_personal_data', ...limit(20, 3600_000) },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return personalData.submit(actor, actor.accountId, request.body, { ip: request.ip });
    },
  );

  api.get(
    '/me/confirmation',
    {
      config: { action: 'citizen.read_confirmation' },
      schema: {
        tags: ['citizen'],
        summary: 'Подтверждение личности: способы и письмо с кодом',
        response: { 200: confirmationStateSchema, ...errorResponses('auth.required') },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      reply.header('cache-control', 'no-store');
      return confirmation.state(actor, actor.accountId);
    },
  );

  api.post(
    '/me/confirmation/post-letter',
    {
      schema: {
        tags: ['citizen'],
        summary: 'Заказать письмо с кодом подтверждения личности (Почта России)',
        body: postLetterOrderSchema,
        response: {
          200: confirmationStateSchema,
          ...errorResponses(
            'auth.required',
            'account.level_too_low',
            'account.already_confirmed',
            'post_letter.active_exists',
          ),
        },
      },
      config: { action: 'citizen.order_post_letter', ...limit(5, 3600_000) },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return confirmation.orderLetter(actor, actor.accountId, request.body.address, { ip: request.ip });
    },
  );

  api.post(
    '/me/confirmation/post-letter/code',
    {
      schema: {
        tags: ['citizen'],
        summary: 'Ввести код из письма и подтвердить личность',
        body: postCodeSchema,
        response: {
          200: confirmationStateSchema,
          ...errorResponses(
            'auth.required',
            'account.already_confirmed',
            'post_letter.not_found',
            'post_letter.not_delivered',
            'post_letter.data_changed',
            'code.invalid',
            'code.expired',
            'code.attempts_exhausted',
          ),
        },
      },
      config: { action: 'citizen.enter_post_code', ...limit(10, 60_000) },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return confirmation.enterCode(actor, actor.accountId, request.body.code, { ip: request.ip });
    },
  );
}
