import { sessionStateSchema } from '@openesia/contracts';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

export function sessionRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/session',
    {
      config: { action: 'session.read' },
      schema: {
        tags: ['session'],
        summary: 'Текущая сессия и CSRF-токен для изменяющих запросов',
        response: { 200: sessionStateSchema },
      },
    },
    async (request, reply) => {
      const auth = request.auth;
      const account = auth
        ? await ctx.services.sessions.summary(ctx.database.db, auth.account, auth.session.authMethod)
        : null;
      const actingFor = auth ? await ctx.services.actingFor.summary(auth) : null;
      // The public audience leaves the session's actor as it is: the person, before any role.
      const staff = await ctx.services.roles.staffSummary(request.actor, auth);
      reply.header('cache-control', 'no-store');
      return { account, actingFor, staff, csrfToken: reply.generateCsrf(), demoMode: ctx.config.demoMode };
    },
  );
}
