import { organizationContactsSchema, organizationProfileSchema } from '@openesia/contracts';
import { requestMeta } from '../../auth.js';
import { errorResponses } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** The organization's data for a person acting for it; «Обновить из ЕГРЮЛ». */
export function organizationProfileRoutes(api: Api, ctx: AppContext): void {
  const { organizationProfile } = ctx.services;
  const refusals = ['auth.required', 'auth.forbidden', 'organization.not_found'] as const;

  api.get(
    '/organization',
    {
      config: { action: 'organization.read' },
      schema: {
        tags: ['organization'],
        summary: 'Сведения об организации',
        response: { 200: organizationProfileSchema, ...errorResponses(...refusals) },
      },
    },
    async (request) => organizationProfile.get(request.actor),
  );

  api.patch(
    '/organization',
    {
      config: { action: 'organization.update' },
      schema: {
        tags: ['organization'],
        summary: 'Изменить контактные данные организации (руководитель, администраторы)',
        body: organizationContactsSchema,
        response: { 200: organizationProfileSchema, ...errorResponses(...refusals, 'conflict.stale') },
      },
    },
    async (request) => organizationProfile.updateContacts(request.actor, request.body, requestMeta(request)),
  );

  api.post(
    '/organization/refresh',
    {
      config: { action: 'organization.refresh' },
      schema: {
        tags: ['organization'],
        summary: 'Обновить из ЕГРЮЛ',
        response: {
          200: organizationProfileSchema,
          ...errorResponses(...refusals, 'tax_register.unavailable'),
        },
      },
    },
    async (request) => organizationProfile.refresh(request.actor, requestMeta(request)),
  );
}
