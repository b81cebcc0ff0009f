import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Api } from '../index.js';

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
      try {
        await ctx.database.db.execute(sql`select 1`);
        return { status: 'ok' as const, database: ctx.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
}
