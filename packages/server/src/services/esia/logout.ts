import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { LookupHasher } from '../../lib/crypto.js';
import { revokeEsiaTokensOfSession } from '../../repositories/esia/tokens.js';
import { revokeSession } from '../../repositories/platform/sessions.js';
import type { Authenticated } from '../platform/sessions.js';
import { findEsiaSystem, sidOf } from './authorization.js';

/**
 * `/idp/ext/Logout?client_id=…&redirect_url=…` (reference §2.1): ends the browser's OpenESIA
 * session and revokes every ESIA token of it (`urn:esia:sid`), for every system; then goes back
 * to the system only if the address is one it registered (exact match), else shows our page.
 */
export class EsiaLogoutService {
  constructor(private readonly deps: { db: Db; clock: Clock; lookup: LookupHasher }) {}

  async logout(
    clientId: string | undefined,
    redirectUrl: string | undefined,
    auth: Authenticated | null,
  ): Promise<{ redirectTo: string | null }> {
    const { db, clock, lookup } = this.deps;
    const system = clientId ? await findEsiaSystem(db, clientId) : undefined;
    const allowed =
      system &&
      redirectUrl &&
      [...system.redirectUris, ...system.postLogoutRedirectUris].includes(redirectUrl);
    if (auth) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const revoked = await revokeEsiaTokensOfSession(tx, sidOf(lookup, auth), now);
        await revokeSession(tx, auth.tokenHash, now);
        await appendAudit(
          tx,
          {
            event: 'esia.logout',
            actorType: 'citizen',
            actorId: auth.account.id,
            subjectId: auth.account.id,
            data: { clientId: system?.clientId ?? '', revoked },
          },
          now,
        );
      });
    }
    return { redirectTo: allowed ? redirectUrl! : null };
  }
}
