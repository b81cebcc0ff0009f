import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import type { CitizenActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { findOidcConsent, upsertOidcConsent } from '../../repositories/oidc/consents.js';
import { findActiveAccountByOid } from '../../repositories/oidc/subjects.js';

/**
 * Consents a citizen gave relying parties (issue 13, §2): remembered, so the next sign-in to the
 * same system asks only for what it did not get yet (152-ФЗ ст. 9: consent to each purpose).
 */
export class OidcConsentService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** The scopes the subject (an oid) gave the system, or none. Read by the provider. */
  async remembered(oid: string, clientId: string): Promise<string[] | undefined> {
    const account = await findActiveAccountByOid(this.deps.db, oid);
    if (!account) return undefined;
    return (await findOidcConsent(this.deps.db, account.id, clientId))?.scopes;
  }

  /** Records the citizen's consent (the scopes already given and the new ones) with its audit entry. */
  async give(actor: CitizenActor, clientId: string, scopes: string[]): Promise<void> {
    assertAllowed(actor, 'oidc.give_consent', { accountId: actor.accountId });
    const { db, clock } = this.deps;
    const now = clock.now();
    await db.transaction(async (tx) => {
      const previous = (await findOidcConsent(tx, actor.accountId, clientId))?.scopes ?? [];
      const all = [...new Set([...previous, ...scopes])];
      await upsertOidcConsent(tx, { accountId: actor.accountId, clientId, scopes: all, now });
      await appendAudit(
        tx,
        {
          event: 'oidc.consent_given',
          actorType: 'citizen',
          actorId: actor.accountId,
          subjectId: actor.accountId,
          data: { clientId, scopes },
        },
        now,
      );
    });
  }
}
