import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { CitizenActor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import type { OidcConsentView } from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { findOidcClient } from '../../repositories/oidc/clients.js';
import {
  addOidcConsentGrant,
  deleteOidcConsent,
  findOidcConsent,
  listOidcConsents,
  upsertOidcConsent,
} from '../../repositories/oidc/consents.js';
import { findActiveAccountByOid } from '../../repositories/oidc/subjects.js';

export type ConsentWithdrawnListener = (
  tx: DbOrTx,
  accountId: string,
  clientId: string,
  now: Date,
) => Promise<void>;

/**
 * Consents a citizen gave relying parties (issue 13, §2): remembered, so the next sign-in to the
 * same system asks only for what it did not get yet (152-ФЗ ст. 9: consent to each purpose).
 */
export class OidcConsentService {
  private readonly withdrawn: ConsentWithdrawnListener[] = [];

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /**
   * Runs `listener` in the transaction of every withdrawal: the ESIA-compatible interface revokes
   * the tokens the consent gave there (services/esia/), as the provider's grants are revoked here.
   */
  onWithdrawn(listener: ConsentWithdrawnListener): void {
    this.withdrawn.push(listener);
  }

  /** The scopes the subject (an oid) gave the system, or none. Read by the provider. */
  async remembered(oid: string, clientId: string): Promise<string[] | undefined> {
    const account = await findActiveAccountByOid(this.deps.db, oid);
    if (!account) return undefined;
    return (await findOidcConsent(this.deps.db, account.id, clientId))?.scopes;
  }

  /** A grant the provider made from a remembered consent: revoked with the consent. */
  async grantMade(oid: string, clientId: string, grantId: string): Promise<void> {
    const account = await findActiveAccountByOid(this.deps.db, oid);
    if (account) await addOidcConsentGrant(this.deps.db, account.id, clientId, grantId);
  }

  /** «Предоставленные разрешения»: the systems the citizen gave access, and to what. */
  async list(actor: CitizenActor): Promise<OidcConsentView[]> {
    assertAllowed(actor, 'oidc.read_consents', { accountId: actor.accountId });
    const rows = await listOidcConsents(this.deps.db, actor.accountId);
    const names = new Map<string, string>();
    for (const row of rows)
      names.set(row.clientId, (await findOidcClient(this.deps.db, row.clientId))?.name ?? row.clientId);
    return rows.map((r) => ({
      clientId: r.clientId,
      clientName: names.get(r.clientId)!,
      scopes: r.scopes,
      grantedAt: r.grantedAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /**
   * Withdraws the consent (152-ФЗ ст. 9 ч. 2): the row goes, with its audit entry; returns the
   * provider's grants to revoke (their codes and tokens stop working).
   */
  async withdraw(actor: CitizenActor, clientId: string): Promise<string[]> {
    assertAllowed(actor, 'oidc.withdraw_consent', { accountId: actor.accountId });
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const grantIds = await deleteOidcConsent(tx, actor.accountId, clientId);
      if (!grantIds) throw new AppError('oidc.consent_not_found');
      for (const listener of this.withdrawn) await listener(tx, actor.accountId, clientId, now);
      await appendAudit(
        tx,
        {
          event: 'oidc.consent_withdrawn',
          actorType: 'citizen',
          actorId: actor.accountId,
          subjectId: actor.accountId,
          data: { clientId },
        },
        now,
      );
      return grantIds;
    });
  }

  /**
   * Records the citizen's consent (the scopes already given and the new ones) with its audit entry;
   * `grantId`: the provider's grant it made (none for the ESIA-compatible interface).
   */
  async give(actor: CitizenActor, clientId: string, scopes: string[], grantId?: string): Promise<void> {
    assertAllowed(actor, 'oidc.give_consent', { accountId: actor.accountId });
    const { db, clock } = this.deps;
    const now = clock.now();
    await db.transaction(async (tx) => {
      const previous = await findOidcConsent(tx, actor.accountId, clientId);
      const all = [...new Set([...(previous?.scopes ?? []), ...scopes])];
      const grantIds = [...new Set([...(previous?.grantIds ?? []), ...(grantId ? [grantId] : [])])];
      await upsertOidcConsent(tx, { accountId: actor.accountId, clientId, scopes: all, grantIds, now });
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
