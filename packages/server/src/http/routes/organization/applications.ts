import {
  applicationCandidatesQuerySchema,
  applicationCandidatesSchema,
  applicationChallengeRequestSchema,
  applicationIdParamsSchema,
  applicationSubmitScanSchema,
  applicationSubmitSignedSchema,
  MAX_SCAN_BASE64,
  applicationViewSchema,
  createApplicationSchema,
  organizationApplicationsSchema,
  saveApplicationSchema,
  signatureChallengeSchema,
} from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { sendFile } from '../../download.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { rateLimiter } from '../../rate-limits.js';
import { applicationFileRoutes } from '../application-files.js';

const member = ['auth.required', 'auth.forbidden'] as const;
const move = [...member, 'application.not_found', 'application.wrong_state', 'application.stale'] as const;

/** «Заявки» of the organization's profile: Форма З and Форма И, from a draft to a signed submission. */
export function applicationRoutes(api: Api, ctx: AppContext): void {
  const { applications } = ctx.services;
  // Signing and sending are deliberate acts; the limits stop a stuck script, not a person.
  const limit = rateLimiter(ctx.config, 'account');

  api.get(
    '/organization/applications',
    {
      config: { action: 'application.read' },
      schema: {
        tags: ['organization'],
        summary: 'Заявки организации и формы, которые можно подать',
        response: { 200: organizationApplicationsSchema, ...errorResponses(...member) },
      },
    },
    async (request) => applications.list(request.actor),
  );

  api.post(
    '/organization/applications',
    {
      config: { action: 'application.submit', ...limit(60, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Подать заявку: черновик, заполненный по данным организации',
        body: createApplicationSchema,
        response: {
          200: applicationViewSchema,
          ...errorResponses(
            ...member,
            'organization.not_found',
            'application.organization_not_registered',
            'application.already_approved',
            'application.form_z_required',
            'application.already_open',
          ),
        },
      },
    },
    async (request) => applications.create(request.actor, request.body.form, requestMeta(request)),
  );

  api.get(
    '/organization/applications/candidates',
    {
      config: { action: 'application.submit' },
      schema: {
        tags: ['organization'],
        summary: 'Сотрудники, из которых выбирают уполномоченное лицо и подписанта',
        querystring: applicationCandidatesQuerySchema,
        response: { 200: applicationCandidatesSchema, ...errorResponses(...member) },
      },
    },
    async (request) => ({ candidates: await applications.candidates(request.actor, request.query.q) }),
  );

  api.get(
    '/organization/applications/:id',
    {
      config: { action: 'application.read' },
      schema: {
        tags: ['organization'],
        summary: 'Заявка: поля, история и отправленные версии',
        params: applicationIdParamsSchema,
        response: { 200: applicationViewSchema, ...errorResponses(...member, 'application.not_found') },
      },
    },
    async (request) => applications.get(request.actor, request.params.id),
  );

  api.put(
    '/organization/applications/:id',
    {
      config: { action: 'application.submit', ...limit(600, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Сохранить черновик',
        params: applicationIdParamsSchema,
        body: saveApplicationSchema,
        response: { 200: applicationViewSchema, ...errorResponses(...move) },
      },
    },
    async (request) => applications.save(request.actor, request.params.id, request.body),
  );

  const complete = [
    ...move,
    'validation.failed',
    'application.ogrn_mismatch',
    'application.already_approved',
    'application.form_z_required',
    'application.already_open',
  ] as const;

  api.post(
    '/organization/applications/:id/challenge',
    {
      config: { action: 'application.sign', ...limit(60, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Подписать электронной подписью: данные для подписи текущей версии',
        params: applicationIdParamsSchema,
        body: applicationChallengeRequestSchema,
        response: {
          200: signatureChallengeSchema,
          ...errorResponses(
            ...complete,
            'application.signer_not_signatory',
            'application.certificate_other_organization',
            'organization.not_legal_entity_certificate',
            'signature.malformed',
            'account.level_too_low',
          ),
        },
      },
    },
    async (request) => applications.challenge(request.actor, request.params.id, request.body),
  );

  api.post(
    '/organization/applications/:id/submit-signed',
    {
      config: { action: 'application.sign', ...limit(60, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Отправить заявку, подписанную квалифицированной электронной подписью',
        params: applicationIdParamsSchema,
        body: applicationSubmitSignedSchema,
        response: {
          200: applicationViewSchema,
          ...errorResponses(
            ...complete,
            'application.signer_not_signatory',
            'application.certificate_other_organization',
            'application.signed_version_mismatch',
            'signature.challenge_expired',
            'signature.challenge_used',
            'signature.malformed',
            'account.level_too_low',
          ),
        },
      },
    },
    async (request) =>
      applications.submitSigned(request.actor, request.params.id, request.body, requestMeta(request)),
  );

  api.get(
    '/organization/applications/:id/pdf',
    {
      config: { action: 'application.submit', ...limit(120, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Распечатать заявку (PDF) для подписи на бумаге',
        params: applicationIdParamsSchema,
        // The 200 is the PDF's bytes: only the errors have a schema.
        response: errorResponses(...complete) as object,
      },
    },
    async (request, reply) => {
      const pdf = await applications.printable(request.actor, request.params.id);
      return sendFile(reply, { bytes: pdf.bytes, type: 'application/pdf', name: pdf.fileName });
    },
  );

  api.post(
    '/organization/applications/:id/submit-scan',
    {
      // A scan of up to 10 MiB, in base64.
      bodyLimit: MAX_SCAN_BASE64 + 4096,
      config: { action: 'application.submit', ...limit(30, 3600_000) },
      schema: {
        tags: ['organization'],
        summary: 'Отправить скан заявки, подписанной на бумаге и заверенной печатью',
        params: applicationIdParamsSchema,
        body: applicationSubmitScanSchema,
        response: {
          200: applicationViewSchema,
          ...errorResponses(
            ...complete,
            'application.scan_empty',
            'application.scan_type',
            'application.scan_too_large',
          ),
        },
      },
    },
    async (request) =>
      applications.submitScan(request.actor, request.params.id, request.body, requestMeta(request)),
  );

  applicationFileRoutes(api, '/organization/applications', 'application.read', ctx);
}
