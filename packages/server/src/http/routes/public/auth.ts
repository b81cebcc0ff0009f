import {
  apiErrorSchema,
  loginSchema,
  recoveryCompleteSchema,
  recoveryIdParamsSchema,
  recoveryStartedSchema,
  recoveryStartSchema,
  registrationCompleteSchema,
  registrationIdParamsSchema,
  registrationStartedSchema,
  registrationStartSchema,
  registrationVerifiedSchema,
  registrationVerifyCodeSchema,
  registrationVerifyLinkSchema,
  signedInSchema,
} from '@openesia/contracts';
import { z } from 'zod';
import { clearSessionCookie, requestMeta, setSessionCookie } from '../../auth.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * The anonymous audience: registration, sign-in, sign-out, password recovery (seed 000, section 1).
 * Each route is limited per IP address on top of the per-contact caps and the account lockout;
 * limits follow config.rateLimits so tests can switch them off.
 */
export function authRoutes(api: Api, ctx: AppContext): void {
  const perAddress = rateLimiter(ctx.config, 'address');
  const limit = (max: number) => perAddress(max, 60_000);
  const errors = {
    400: apiErrorSchema,
    401: apiErrorSchema,
    403: apiErrorSchema,
    404: apiErrorSchema,
    409: apiErrorSchema,
    429: apiErrorSchema,
  };
  const { registration, authentication } = ctx.services;

  api.post(
    '/registration',
    {
      config: { action: 'account.register', ...limit(10) },
      schema: {
        tags: ['citizen'],
        summary: '«Зарегистрироваться»: фамилия, имя и телефон или e-mail; отправляет код или ссылку',
        body: registrationStartSchema,
        response: { 200: registrationStartedSchema, ...errors },
      },
    },
    async (request) => registration.start(request.body, requestMeta(request)),
  );

  api.post(
    '/registration/:registrationId/resend',
    {
      config: { action: 'account.register', ...limit(10) },
      schema: {
        tags: ['citizen'],
        summary: 'Отправить код или ссылку ещё раз (не раньше чем через 60 секунд)',
        params: registrationIdParamsSchema,
        response: { 200: registrationStartedSchema, ...errors },
      },
    },
    async (request) => registration.resend(request.params.registrationId, requestMeta(request)),
  );

  api.post(
    '/registration/:registrationId/verify-code',
    {
      config: { action: 'account.register', ...limit(20) },
      schema: {
        tags: ['citizen'],
        summary: '«Код» из SMS; «Продолжить» ведёт к заданию пароля',
        params: registrationIdParamsSchema,
        body: registrationVerifyCodeSchema,
        response: { 200: registrationVerifiedSchema, ...errors },
      },
    },
    async (request) => registration.verifyCode(request.params.registrationId, request.body.code),
  );

  api.post(
    '/registration/verify-link',
    {
      config: { action: 'account.register', ...limit(20) },
      schema: {
        tags: ['citizen'],
        summary: 'Ссылка из письма: подтверждает адрес электронной почты',
        body: registrationVerifyLinkSchema,
        response: { 200: registrationVerifiedSchema, ...errors },
      },
    },
    async (request) => registration.verifyLink(request.body.token),
  );

  api.post(
    '/registration/complete',
    {
      config: { action: 'account.register', ...limit(10) },
      schema: {
        tags: ['citizen'],
        summary: 'Пароль, введённый дважды: создаёт упрощённую учётную запись и входит в неё',
        body: registrationCompleteSchema,
        response: { 200: signedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await registration.complete(request.body, requestMeta(request));
      setSessionCookie(reply, ctx.config, result.sessionToken);
      return { account: result.account };
    },
  );

  api.post(
    '/login',
    {
      config: { action: 'session.sign_in', ...limit(20) },
      schema: {
        tags: ['citizen'],
        summary: '«Войти»: телефон, e-mail или СНИЛС и пароль',
        body: loginSchema,
        response: { 200: signedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await authentication.login(request.body, requestMeta(request), request.auth);
      setSessionCookie(reply, ctx.config, result.sessionToken);
      return { account: result.account };
    },
  );

  api.post(
    '/logout',
    {
      config: { action: 'session.sign_out' },
      schema: {
        tags: ['citizen'],
        summary: '«Выйти»: завершает сессию на сервере',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      // The systems this browser signed in to through OpenESIA are signed out too (back-channel logout).
      if (request.auth)
        await ctx.services.oidcProvider.signedOut(
          { req: request.raw, res: reply.raw },
          String(request.auth.account.oid),
        );
      await authentication.logout(request.auth, requestMeta(request));
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/recovery',
    {
      config: { action: 'account.recover_password', ...limit(10) },
      schema: {
        tags: ['citizen'],
        summary: '«Восстановить пароль»: код на подтверждённый телефон или e-mail',
        body: recoveryStartSchema,
        response: { 200: recoveryStartedSchema, ...errors },
      },
    },
    async (request) => authentication.startRecovery(request.body.login, requestMeta(request)),
  );

  api.post(
    '/recovery/:recoveryId/resend',
    {
      config: { action: 'account.recover_password', ...limit(10) },
      schema: {
        tags: ['citizen'],
        summary: 'Отправить код восстановления ещё раз',
        params: recoveryIdParamsSchema,
        response: { 200: recoveryStartedSchema, ...errors },
      },
    },
    async (request) => authentication.resendRecovery(request.params.recoveryId, requestMeta(request)),
  );

  api.post(
    '/recovery/:recoveryId/complete',
    {
      config: { action: 'account.recover_password', ...limit(20) },
      schema: {
        tags: ['citizen'],
        summary: 'Код и новый пароль (дважды): завершает все другие сессии и входит',
        params: recoveryIdParamsSchema,
        body: recoveryCompleteSchema,
        response: { 200: signedInSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await authentication.completeRecovery(
        request.params.recoveryId,
        request.body,
        requestMeta(request),
      );
      setSessionCookie(reply, ctx.config, result.sessionToken);
      return { account: result.account };
    },
  );
}
