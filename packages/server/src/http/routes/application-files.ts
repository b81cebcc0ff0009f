import { applicationVersionParamsSchema } from '@openesia/contracts';
import type { Action } from '../../domain/policy/policy.js';
import type { Api } from '../api.js';
import type { AppContext } from '../context.js';
import { sendFile } from '../download.js';
import { errorResponses } from '../errors.js';

/**
 * The files of a sent version — the scan of the paper form, or the signed bytes with their
 * detached CAdES signature — for each audience that reads applications (the organization, the
 * regional and the federal operator), under its own prefix and action. The service decides on the
 * application itself (another region's or organization's is not found).
 */
export function applicationFileRoutes(api: Api, prefix: string, action: Action, ctx: AppContext): void {
  const { applications } = ctx.services;
  const errors = errorResponses(
    'auth.required',
    'auth.forbidden',
    'application.not_found',
    'not_found',
  ) as object;

  api.get(
    `${prefix}/:id/versions/:version/scan`,
    {
      config: { action },
      schema: {
        tags: ['applications'],
        summary: 'Скан заявки, подписанной на бумаге (версия)',
        params: applicationVersionParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const scan = await applications.scan(request.actor, id, version);
      const extension =
        { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[scan.scanType] ?? 'bin';
      return sendFile(reply, {
        bytes: scan.scan,
        type: scan.scanType,
        name: `zayavka-${id}-v${version}.${extension}`,
      });
    },
  );

  api.get(
    `${prefix}/:id/versions/:version/document`,
    {
      config: { action },
      schema: {
        tags: ['applications'],
        summary: 'Подписанный документ заявки (версия): байты, над которыми сделана подпись',
        params: applicationVersionParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const { bytes } = await applications.signedDocument(request.actor, id, version);
      return sendFile(reply, {
        bytes,
        type: 'text/plain; charset=utf-8',
        name: `zayavka-${id}-v${version}.txt`,
      });
    },
  );

  api.get(
    `${prefix}/:id/versions/:version/signature`,
    {
      config: { action },
      schema: {
        tags: ['applications'],
        summary: 'Открепленная подпись CAdES заявки (версия), DER',
        params: applicationVersionParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { id, version } = request.params;
      const { signature } = await applications.signedDocument(request.actor, id, version);
      return sendFile(reply, {
        bytes: signature,
        type: 'application/pkcs7-signature',
        name: `zayavka-${id}-v${version}.p7s`,
      });
    },
  );
}
