import { outboxMessageSchema, text } from '@openesia/contracts';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** The simulators' outbox (SMS, e-mail, letters), for people trying the demo and for tests. */
export function outboxRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/dev/outbox',
    {
      config: { action: 'dev.read_outbox' },
      schema: {
        tags: ['demo'],
        summary: 'Отправленные симуляторами сообщения (только в демонстрационном режиме)',
        querystring: z.object({ to: text().max(254, { error: 'too_long' }).optional() }),
        response: { 200: z.object({ messages: z.array(outboxMessageSchema) }) },
      },
    },
    async (request) => ({ messages: await ctx.services.outbox.list(request.query.to) }),
  );
}
