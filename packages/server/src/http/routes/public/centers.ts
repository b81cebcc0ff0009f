import {
  centerPathSchema,
  mapListQuerySchema,
  mapListSchema,
  mapSettingsSchema,
  mapViewportQuerySchema,
  mapViewportSchema,
  publicCenterSchema,
} from '@openesia/contracts';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';
import { errorResponses } from '../../errors.js';
import { rateLimiter } from '../../rate-limits.js';

/**
 * «Карта центров обслуживания» (/public/ra): anyone, without signing in. Limited per address
 * generously: panning and zooming asks the viewport several times a second; a script scraping
 * the whole register page by page is slowed.
 */
export function centerMapRoutes(api: Api, ctx: AppContext): void {
  const { centerMap } = ctx.services;
  const limit = rateLimiter(ctx.config, 'address');
  const config = { action: 'center.read_public' as const };

  api.get(
    '/map/settings',
    {
      config: { ...config, ...limit(120, 60_000) },
      schema: {
        tags: ['map'],
        summary: 'Карта центров обслуживания: сервер растровых тайлов, если он настроен',
        response: { 200: mapSettingsSchema },
      },
    },
    async (request) => centerMap.settings(request.actor),
  );

  api.get(
    '/map/viewport',
    {
      config: { ...config, ...limit(600, 60_000) },
      schema: {
        tags: ['map'],
        summary:
          'Центры обслуживания в области карты: точки или, когда их слишком много, кластеры сетки (число и средняя точка ячейки)',
        querystring: mapViewportQuerySchema,
        response: { 200: mapViewportSchema },
      },
    },
    async (request) => centerMap.viewport(request.actor, request.query),
  );

  api.get(
    '/map/centers',
    {
      config: { ...config, ...limit(300, 60_000) },
      schema: {
        tags: ['map'],
        summary: 'Центры обслуживания списком: по названию, постранично, с теми же отборами',
        querystring: mapListQuerySchema,
        response: { 200: mapListSchema },
      },
    },
    async (request) => centerMap.list(request.actor, request.query),
  );

  api.get(
    '/map/centers/:centerId',
    {
      config: { ...config, ...limit(300, 60_000) },
      schema: {
        tags: ['map'],
        summary:
          'Карточка центра обслуживания: адрес, режим работы, телефон, как добраться, доступность, услуги',
        params: centerPathSchema,
        response: { 200: publicCenterSchema, ...errorResponses('map.center_not_found') },
      },
    },
    async (request) => centerMap.card(request.actor, request.params.centerId),
  );
}
