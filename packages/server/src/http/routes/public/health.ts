import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

export function healthRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/health',
    {
      config: { action: 'health.read' },
      schema: {
        tags: ['service'],
        summary: 'Состояние сервиса',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      const health = await ctx.services.health.check();
      return health.status === 'ok' ? health : reply.status(503).send(health);
    },
  );
}
