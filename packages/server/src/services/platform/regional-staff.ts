import { regionCodeSchema, type RegionalStaffMember } from '@openesia/contracts';
import { auditActor, type AuditActorType } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/crypto.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { getAccountForUpdate, type AccountRow } from '../../repositories/citizen/accounts.js';
import {
  findLiveRegionalGrant,
  findLiveRegionalGrantById,
  findLiveRegionalStaffMember,
  insertRegionalGrant,
  listLiveRegionalStaff,
  revokeRegionalGrant,
  type GrantVia,
  type RegionalGrantRow,
  type RegionalStaffRow,
} from '../../repositories/platform/regional-staff.js';
import { findAccountByContactLogin, isContactLogin } from './roles.js';
import type { RequestMeta } from './sessions.js';

function toMember(row: RegionalStaffRow): RegionalStaffMember {
  return {
    id: row.grant.id,
    accountId: row.grant.accountId,
    ...row.person,
    contact: row.contact,
    regionCode: row.grant.regionCode,
    grantedAt: row.grant.grantedAt.toISOString(),
    grantedBy: row.grantedBy,
    grantedVia: row.grant.grantedVia,
  };
}

/**
 * Who acts, as the grant and the log record it: the federal operator on the registry's page, an
 * administrator at the server's console (the system actor `cli`, recorded as the administrator, as
 * RoleService records the console's grants), or the demo seed.
 */
function actingAs(actor: Actor): { via: GrantVia; accountId: string | null; actorType: AuditActorType } {
  if (actor.kind === 'federal_operator')
    return { via: 'registry', accountId: actor.accountId, actorType: auditActor(actor).actorType };
  if (actor.kind === 'system' && actor.via === 'cli')
    return { via: 'cli', accountId: null, actorType: 'administrator' };
  return { via: 'seed', accountId: null, actorType: auditActor(actor).actorType };
}

/**
 * «Региональные операторы» (issue 10, item 1): the federal operator («Минцифры России») makes a
 * confirmed person the operator of a region, and takes the role back. A person is the operator of
 * one region at a time, as the actor (RegionalOperatorActor) acts for one region; the role takes
 * effect, and a revocation ends it, from the person's next request (RoleService.resolveActor reads
 * the table on each one). Every grant and revocation is audited with who did it.
 */
export class RegionalStaffService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** The live grants, of one region or of all, by region and then by name. */
  async list(actor: Actor, query: { regionCode?: string }): Promise<RegionalStaffMember[]> {
    assertAllowed(actor, 'regional_staff.read');
    return (await listLiveRegionalStaff(this.deps.db, query.regionCode)).map(toMember);
  }

  /**
   * Makes the active, confirmed account whose verified phone or e-mail is `login` the operator of
   * `regionCode` (seed 000: only a confirmed account may become an operator). Refused: a login
   * that is neither (`login.not_contact` at the field), an unknown region (`region.unknown`), no
   * such account (`staff.account_not_found`: the federal operator is staff, so the answer may say
   * so), a simplified or standard account (`staff.account_not_confirmed`), the same region held
   * already (`staff.already_granted`) or another (`staff.other_region`).
   */
  async grant(
    actor: Actor,
    input: { login: string; regionCode: string },
    meta: RequestMeta = {},
  ): Promise<RegionalStaffMember> {
    assertAllowed(actor, 'regional_staff.manage');
    const region = regionCodeSchema.safeParse(input.regionCode);
    if (!region.success) throw fieldError('regionCode', 'region.unknown');
    const { db, clock } = this.deps;
    const who = actingAs(actor);
    return db.transaction(async (tx) => {
      // The account's row lock orders concurrent grants of one person.
      const found = await getAccountForUpdate(tx, (await this.accountByLogin(tx, input.login)).id);
      if (found.level !== 'confirmed') throw new AppError('staff.account_not_confirmed');
      const held = await findLiveRegionalGrant(tx, found.id);
      if (held)
        throw new AppError(held.regionCode === region.data ? 'staff.already_granted' : 'staff.other_region');
      const now = clock.now();
      const id = newId();
      const inserted = await insertRegionalGrant(tx, {
        id,
        accountId: found.id,
        regionCode: region.data,
        grantedBy: who.accountId,
        grantedVia: who.via,
        grantedAt: now,
      });
      if (!inserted) throw new AppError('staff.already_granted');
      await appendAudit(
        tx,
        {
          event: 'account.role_granted',
          actorType: who.actorType,
          actorId: who.accountId,
          subjectId: found.id,
          ip: meta.ip ?? null,
          data: { role: 'regional_operator', via: who.via, regionCode: region.data, grantId: id },
        },
        now,
      );
      return toMember((await findLiveRegionalStaffMember(tx, id))!);
    });
  }

  /** «Отозвать»: ends a live grant, by its id (`staff.not_granted` when it is not live). */
  async revoke(actor: Actor, grantId: string, meta: RequestMeta = {}): Promise<void> {
    assertAllowed(actor, 'regional_staff.manage');
    await this.deps.db.transaction(async (tx) => {
      const grant = await findLiveRegionalGrantById(tx, grantId);
      if (!grant) throw new AppError('staff.not_granted');
      await this.end(tx, actor, grant, meta);
    });
  }

  /** The console's `revoke-role --role regional_operator --login …`: the person's live grant. */
  async revokeByLogin(actor: Actor, login: string): Promise<{ accountId: string; regionCode: string }> {
    assertAllowed(actor, 'regional_staff.manage');
    return this.deps.db.transaction(async (tx) => {
      const account = await this.accountByLogin(tx, login);
      const held = await findLiveRegionalGrant(tx, account.id);
      const grant = held && (await findLiveRegionalGrantById(tx, held.id));
      if (!grant) throw new AppError('staff.not_granted');
      await this.end(tx, actor, grant, {});
      return { accountId: account.id, regionCode: grant.regionCode };
    });
  }

  private async end(tx: DbOrTx, actor: Actor, grant: RegionalGrantRow, meta: RequestMeta): Promise<void> {
    const who = actingAs(actor);
    const now = this.deps.clock.now();
    const revoked = await revokeRegionalGrant(tx, grant.id, {
      revokedAt: now,
      revokedBy: who.accountId,
      revokedVia: who.via,
    });
    // Revoked by someone else between the read and this update: nothing left to revoke.
    if (!revoked) throw new AppError('staff.not_granted');
    await appendAudit(
      tx,
      {
        event: 'account.role_revoked',
        actorType: who.actorType,
        actorId: who.accountId,
        subjectId: grant.accountId,
        ip: meta.ip ?? null,
        data: { role: 'regional_operator', via: who.via, regionCode: grant.regionCode, grantId: grant.id },
      },
      now,
    );
  }

  /** The active account with this verified phone or e-mail (a СНИЛС is no contact: refused). */
  private async accountByLogin(tx: DbOrTx, login: string): Promise<AccountRow> {
    if (!isContactLogin(login)) throw fieldError('login', 'login.not_contact');
    const account = await findAccountByContactLogin(tx, login);
    if (!account) throw new AppError('staff.account_not_found');
    return account;
  }
}
