import {
  signatureChallengeSchema,
  workstationCenterChoiceSchema,
  workstationCentersSchema,
  workstationLoginSchema,
  workstationSessionSchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { clearWorkstationCookie, requestMeta, setWorkstationCookie } from '../../auth.js';
import type { Api } from '../../api.js';
import type { AppContext } from '../../context.js';
import { errorResponses } from '../../errors.js';
import { rateLimiter } from '../../rate-limits.js';
import { verificationErrors } from '../signature-errors.js';
import type { WorkstationOperatorActor } from '../../../domain/policy/actor.js';

const sessionAnswer = z.object({ session: workstationSessionSchema });
const standing = [
  'auth.required',
  'auth.forbidden',
  'workstation.not_operator',
  'workstation.organization_blocked',
  'workstation.organization_not_approved',
  'workstation.organization_unknown',
] as const;

/** Entering the workstation, the center, the terms, leaving. */
export function workstationSessionRoutes(api: Api, ctx: AppContext): void {
  const { workstationAccess } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');
  const tags = ['workstation'];

  api.get(
    '/ra/session',
    {
      config: { action: 'workstation.read_session' },
      schema: {
        tags,
        summary: 'Сеанс АРМ «Центр обслуживания»: оператор, организация, центр, доступные операции',
        response: {
          200: z.object({ session: workstationSessionSchema.nullable() }),
          ...errorResponses(...standing, 'workstation.center_unavailable'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const actor = request.actor;
      return { session: actor.kind === 'workstation_operator' ? await workstationAccess.view(actor) : null };
    },
  );

  api.post(
    '/ra/challenge',
    {
      config: { action: 'workstation.sign_in', ...limit(60, 60_000) },
      schema: {
        tags,
        summary: 'Текст для подписи при входе в АРМ квалифицированной электронной подписью сотрудника',
        response: { 200: signatureChallengeSchema, ...errorResponses() },
      },
    },
    async (request) => workstationAccess.challenge(request.actor),
  );

  api.post(
    '/ra/login',
    {
      config: { action: 'workstation.sign_in', ...limit(30, 60_000) },
      bodyLimit: 300_000,
      schema: {
        tags,
        summary: 'Вход в АРМ: подпись сертификатом сотрудника с ОГРН и ИНН организации',
        body: workstationLoginSchema,
        response: {
          200: sessionAnswer,
          ...errorResponses(
            ...verificationErrors,
            ...standing,
            'workstation.certificate_no_organization',
            'workstation.certificate_mismatch',
          ),
        },
      },
    },
    async (request, reply) => {
      const { token, session } = await workstationAccess.login(
        request.actor,
        request.body,
        requestMeta(request),
      );
      setWorkstationCookie(reply, ctx.config, token);
      return { session };
    },
  );

  api.post(
    '/ra/logout',
    {
      config: { action: 'workstation.read_session' },
      schema: { tags, summary: 'Выйти из АРМ', response: { 200: z.object({}) } },
    },
    async (request, reply) => {
      await workstationAccess.logout(request.actor, requestMeta(request));
      clearWorkstationCookie(reply, ctx.config);
      return {};
    },
  );

  api.get(
    '/ra/centers',
    {
      config: { action: 'workstation.choose_center' },
      schema: {
        tags,
        summary: 'Выберите центр обслуживания: действующие центры, к которым прикреплён оператор',
        response: { 200: workstationCentersSchema, ...errorResponses(...standing) },
      },
    },
    async (request) => ({ centers: await workstationAccess.centers(request.actor) }),
  );

  api.post(
    '/ra/center',
    {
      config: { action: 'workstation.choose_center' },
      schema: {
        tags,
        summary: 'Выбрать центр обслуживания для сеанса',
        body: workstationCenterChoiceSchema,
        response: { 200: sessionAnswer, ...errorResponses(...standing, 'workstation.center_unavailable') },
      },
    },
    async (request) => ({
      session: await workstationAccess.chooseCenter(
        request.actor,
        request.body.centerId,
        requestMeta(request),
      ),
    }),
  );

  api.post(
    '/ra/terms',
    {
      config: { action: 'workstation.accept_terms' },
      schema: {
        tags,
        summary: 'Принять Условия использования ЕСИА (один раз)',
        response: { 200: sessionAnswer, ...errorResponses(...standing) },
      },
    },
    async (request) => ({
      session: await workstationAccess.acceptTerms(
        request.actor as WorkstationOperatorActor,
        requestMeta(request),
      ),
    }),
  );
}
