import { appendAudit } from '../../audit/log.js';
import type { Db } from '../../db/client.js';
import { readLogin } from '../../domain/citizen/login.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { findAccountByVerifiedContact, type AccountRow } from '../../repositories/citizen/accounts.js';
import { grantRole, listRoles, type StaffRole } from '../../repositories/platform/roles.js';
import type { ActingForService } from '../organization/acting-for.js';
import type { Authenticated } from './sessions.js';

export const staffRoles: readonly StaffRole[] = ['federal_operator'];

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
      // The organization chosen in the session (ActingForService): its employee, or the region's
      // operator when that organization is one; otherwise the citizen, whom those audiences refuse.
      case 'regional_operator':
      case 'organization':
        return this.deps.actingFor.resolve(audience, session, auth);
      case 'public':
      case 'citizen':
      case 'developer':
        return session;
    }
  }

  /**
   * Grants `role` to the active account whose verified phone or e-mail is `login`. Only a confirmed
   * account may become an operator (seed 000: «только подтверждённая учётная запись…»; DOMAIN.md,
   * levels). Idempotent: granting a held role again answers `granted: false`.
   */
  async grant(input: { login: string; role: StaffRole }, actor: RoleGrantActor): Promise<RoleGranted> {
    if (!staffRoles.includes(input.role)) throw fieldError('role', 'role.unknown');
    const readings = readLogin(input.login).filter((r) => r.kind !== 'snils');
    if (!readings.length) throw fieldError('login', 'login.invalid');
    const { db, clock } = this.deps;
    const now = clock.now();
    return db.transaction(async (tx) => {
      let account: AccountRow | undefined;
      for (const r of readings) {
        account = await findAccountByVerifiedContact(tx, r.kind as 'phone' | 'email', r.value);
        if (account) break;
      }
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
}
