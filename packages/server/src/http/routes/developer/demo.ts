import { demoAccountsSchema } from '@openesia/contracts';
import type { AppContext } from '../../context.js';
import type { Api } from '../../api.js';

/** The demo accounts and their passwords, shown on the home page in demo mode only. */
export function demoRoutes(api: Api, ctx: AppContext): void {
  api.get(
    '/demo/accounts',
    {
      config: { action: 'demo.read_accounts' },
      schema: {
        tags: ['demo'],
        summary: 'Демонстрационные учётные записи (только в демонстрационном режиме)',
        response: {
          200: demoAccountsSchema,
        },
      },
    },
    async () => ({ accounts: ctx.services.demo.accounts() }),
  );
}
