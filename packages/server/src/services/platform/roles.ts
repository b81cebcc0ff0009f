import { appendAudit } from '../../audit/log.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { readLogin } from '../../domain/citizen/login.js';
import type { Actor, CitizenActor } from '../../domain/policy/actor.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { findAccountByVerifiedContact, type AccountRow } from '../../repositories/citizen/accounts.js';
import { findLiveRegionalGrant } from '../../repositories/platform/regional-staff.js';
import { grantRole, listRoles, revokeRole, type StaffRole } from '../../repositories/platform/roles.js';
import type { ActingForService } from '../organization/acting-for.js';
import type { StaffSummary } from '@openesia/contracts';
import type { Authenticated } from './sessions.js';

export const staffRoles: readonly StaffRole[] = ['federal_operator'];

/** Staff are found by a verified phone or e-mail; a СНИЛС is no contact. */
const contactReadings = (login: string) => readLogin(login).filter((r) => r.kind !== 'snils');

export function isContactLogin(login: string): boolean {
  return contactReadings(login).length > 0;
}

/** The active account whose verified phone or e-mail is `login` (each reading tried in turn). */
export async function findAccountByContactLogin(db: DbOrTx, login: string): Promise<AccountRow | undefined> {
  for (const r of contactReadings(login)) {
    const account = await findAccountByVerifiedContact(db, r.kind as 'phone' | 'email', r.value);
    if (account) return account;
  }
  return undefined;
}

/** Who grants: an administrator at the server's console (CLI) or the demo seed. */
export interface RoleGrantActor {
  actorType: 'administrator' | 'system';
  via: 'cli' | 'seed';
}

/** The routers by audience (http/routes/index.ts); each resolves its actor in its own way. */
export type Audience =
  'public' | 'citizen' | 'organization' | 'regional_operator' | 'federal_operator' | 'developer';

export interface RoleGranted {
  accountId: string;
  /** false when the account held the role already (nothing changed, nothing audited) */
  granted: boolean;
}

/**
 * Staff roles of accounts. There is no web page that grants them: a role is given from the
 * server's console (`cli.ts grant-role`) or by the demo seed, and every grant is audited.
 */
export class RoleService {
  constructor(
    private readonly deps: { db: Db; clock: Clock; actingFor: Pick<ActingForService, 'resolve'> },
  ) {}

  /**
   * The actor of a request to `audience`, from the session's actor (anonymous or citizen) and the
   * role tables. Asked once per request by the audience's hook, before the body is read, so an
   * upload from someone without the role costs one lookup and no parsing. Where the role is not
   * held the session's actor stays, and the policy refuses it (403, or 401 when anonymous).
   */
  async resolveActor(audience: Audience, session: Actor, auth: Authenticated | null): Promise<Actor> {
    if (session.kind !== 'citizen' || !auth) return session;
    switch (audience) {
      case 'federal_operator':
        return (await listRoles(this.deps.db, session.accountId)).includes('federal_operator')
          ? { kind: 'federal_operator', accountId: session.accountId }
          : session;
      case 'regional_operator':
        return (
          (await this.personalRegionalOperator(session)) ??
          this.deps.actingFor.resolve(audience, session, auth)
        );
      // The organization chosen in the session (ActingForService): its employee, or the region's
      // operator when that organization is one; otherwise the citizen, whom those audiences refuse.
      case 'organization':
        return this.deps.actingFor.resolve(audience, session, auth);
      case 'public':
      case 'citizen':
      case 'developer':
        return session;
    }
  }

  /**
   * «Региональный оператор» granted to the person (RegionalStaffService), whatever organization
   * the session acts for: read on every request, so a revocation takes effect on the next one. Only
   * a confirmed account acts as an operator (seed 000).
   */
  private async personalRegionalOperator(session: CitizenActor): Promise<Actor | undefined> {
    if (session.level !== 'confirmed') return undefined;
    const grant = await findLiveRegionalGrant(this.deps.db, session.accountId);
    return grant && { kind: 'regional_operator', accountId: session.accountId, regionCode: grant.regionCode };
  }

  /**
   * The staff roles of the session's person, for the header's links (GET /api/session): the
   * federal operator's registry, and the region the person is the operator of in this session (by
   * a personal grant, or acting for the region's operator organization). Null when signed out.
   */
  async staffSummary(session: Actor, auth: Authenticated | null): Promise<StaffSummary | null> {
    if (session.kind !== 'citizen' || !auth) return null;
    const [federal, regional] = await Promise.all([
      this.resolveActor('federal_operator', session, auth),
      this.resolveActor('regional_operator', session, auth),
    ]);
    return {
      federalOperator: federal.kind === 'federal_operator',
      regionalOperatorOf: regional.kind === 'regional_operator' ? regional.regionCode : null,
    };
  }

  /**
   * Grants `role` to the active account whose verified phone or e-mail is `login`. Only a confirmed
   * account may become an operator (seed 000: «только подтверждённая учётная запись…»; DOMAIN.md,
   * levels). Idempotent: granting a held role again answers `granted: false`.
   */
  async grant(input: { login: string; role: StaffRole }, actor: RoleGrantActor): Promise<RoleGranted> {
    if (!staffRoles.includes(input.role)) throw fieldError('role', 'role.unknown');
    if (!isContactLogin(input.login)) throw fieldError('login', 'login.invalid');
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const account = await findAccountByContactLogin(tx, input.login);
      if (!account) throw new AppError('not_found');
      if (account.level !== 'confirmed') throw new AppError('account.level_too_low');
      const granted = await grantRole(tx, account.id, input.role, now);
      if (granted) {
        await appendAudit(
          tx,
          {
            event: 'account.role_granted',
            actorType: actor.actorType,
            subjectId: account.id,
            data: { role: input.role, via: actor.via },
          },
          now,
        );
      }
      return { accountId: account.id, granted };
    });
  }

  /**
   * Takes `role` back from the account whose verified phone or e-mail is `login` (the console's
   * `revoke-role`), audited. `not_found` for no such account, `staff.not_granted` when it does not
   * hold the role. It ends with the person's next request: the role is read on each one.
   */
  async revoke(
    input: { login: string; role: StaffRole },
    actor: RoleGrantActor,
  ): Promise<{ accountId: string }> {
    if (!staffRoles.includes(input.role)) throw fieldError('role', 'role.unknown');
    if (!isContactLogin(input.login)) throw fieldError('login', 'login.invalid');
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(async (tx) => {
      const account = await findAccountByContactLogin(tx, input.login);
      if (!account) throw new AppError('not_found');
      if (!(await revokeRole(tx, account.id, input.role))) throw new AppError('staff.not_granted');
      await appendAudit(
        tx,
        {
          event: 'account.role_revoked',
          actorType: actor.actorType,
          subjectId: account.id,
          data: { role: input.role, via: actor.via },
        },
        now,
      );
      return { accountId: account.id };
    });
  }
}
