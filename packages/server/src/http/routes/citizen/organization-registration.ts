import {
  legalEntityCertificateRequestSchema,
  legalEntityFromCertificateSchema,
  myOrganizationSchema,
  organizationDetailsSchema,
  organizationPathSchema,
  organizationRegistrationChallengeRequestSchema,
  organizationRegistrationRequestSchema,
  signatureChallengeSchema,
  testCaIssuedSchema,
  testCaLegalEntityRequestSchema,
} from '@openesia/contracts';
import { requestMeta, requireCitizen } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';
import { verificationErrors } from '../signature-errors.js';

/** What reading the head's certificate refuses with (domain/organization/legal-entity-certificate.ts). */
const certificateErrors = [
  'auth.required',
  'account.level_too_low',
  'signature.malformed',
  'organization.not_legal_entity_certificate',
  'organization.identifiers_invalid',
  'signature.no_snils',
  'signature.snils_mismatch',
  'signature.name_mismatch',
] as const;

/**
 * «+ Добавить организацию» (seed 000, section 2): the head's certificate read, the statement to
 * sign, the signed registration; the head's retry of a check the register did not answer and
 * resubmission of a registration the regional operator returned. A legal entity's test
 * certificate for the head (demo mode).
 */
export function organizationRegistrationRoutes(api: Api, ctx: AppContext): void {
  const { organizationRegistration, testCa } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');

  api.post(
    '/me/organizations/certificate',
    {
      config: { action: 'organization.register', ...limit(30, 60_000) },
      schema: {
        tags: ['organization'],
        summary: 'Прочитать сертификат руководителя юридического лица',
        body: legalEntityCertificateRequestSchema,
        response: { 200: legalEntityFromCertificateSchema, ...errorResponses(...certificateErrors) },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return organizationRegistration.readCertificate(actor, request.body.certificate);
    },
  );

  api.post(
    '/me/organizations/challenge',
    {
      config: { action: 'organization.register', ...limit(30, 60_000) },
      schema: {
        tags: ['organization'],
        summary: 'Заявление о регистрации организации для подписи',
        body: organizationRegistrationChallengeRequestSchema,
        response: {
          200: signatureChallengeSchema,
          ...errorResponses(...certificateErrors, 'organization.duplicate'),
        },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return organizationRegistration.challenge(actor, request.body);
    },
  );

  api.post(
    '/me/organizations',
    {
      config: { action: 'organization.register', ...limit(20, 60_000) },
      schema: {
        tags: ['organization'],
        summary: 'Зарегистрировать организацию (подписанное заявление); проверка в ЕГРЮЛ запускается',
        body: organizationRegistrationRequestSchema,
        response: {
          201: myOrganizationSchema,
          ...errorResponses(
            ...certificateErrors,
            ...verificationErrors,
            'organization.signed_data_mismatch',
            'organization.duplicate',
          ),
        },
      },
    },
    async (request, reply) => {
      const { actor } = requireCitizen(request);
      const created = await organizationRegistration.register(actor, request.body, requestMeta(request));
      return reply.status(201).send(created);
    },
  );

  api.post(
    '/me/organizations/:organizationId/retry',
    {
      config: { action: 'organization.resubmit' },
      schema: {
        tags: ['organization'],
        summary: 'Повторить проверку в ЕГРЮЛ (руководитель)',
        params: organizationPathSchema,
        response: {
          200: myOrganizationSchema,
          ...errorResponses(
            'auth.required',
            'account.level_too_low',
            'organization.not_found',
            'organization.wrong_state',
          ),
        },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return organizationRegistration.restartCheck(
        actor,
        request.params.organizationId,
        null,
        requestMeta(request),
      );
    },
  );

  api.post(
    '/me/organizations/:organizationId/resubmit',
    {
      config: { action: 'organization.resubmit' },
      schema: {
        tags: ['organization'],
        summary: 'Исправить сведения и отправить возвращённую заявку повторно (руководитель)',
        params: organizationPathSchema,
        body: organizationDetailsSchema,
        response: {
          200: myOrganizationSchema,
          ...errorResponses(
            'auth.required',
            'account.level_too_low',
            'organization.not_found',
            'organization.wrong_state',
          ),
        },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return organizationRegistration.restartCheck(
        actor,
        request.params.organizationId,
        request.body,
        requestMeta(request),
      );
    },
  );

  api.post(
    '/test-ca/legal-entity-certificate',
    {
      config: { action: 'citizen.issue_legal_entity_certificate', ...limit(20, 60_000) },
      schema: {
        tags: ['test-ca'],
        summary: 'Выпустить тестовый сертификат руководителя юридического лица (демонстрационный режим)',
        body: testCaLegalEntityRequestSchema,
        response: {
          200: testCaIssuedSchema,
          ...errorResponses(
            'auth.required',
            'account.level_too_low',
            'test_ca.disabled',
            'test_ca.no_checked_data',
            'test_ca.not_head',
            'test_ca.unknown_organization',
          ),
        },
      },
    },
    async (request) => {
      const { actor } = requireCitizen(request);
      return testCa.issueLegalEntityForAccount(actor, actor.accountId, request.body, requestMeta(request));
    },
  );
}
