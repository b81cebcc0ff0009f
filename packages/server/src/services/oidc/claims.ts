import { acrByLevel, formatSnils, type AccountLevel } from '@openesia/contracts';
import type { Db } from '../../db/client.js';
import {
  actingForClaim,
  contactsClaim,
  idDocClaim,
  usrOrgClaim,
  type OrganizationOfPerson,
  type PassportData,
} from '../../domain/oidc/claims.js';
import { groupsInEffect } from '../../domain/organization/access-groups.js';
import { rolesOf } from '../../domain/organization/membership.js';
import type { FieldCipher } from '../../lib/crypto.js';
import { listVerifiedContacts } from '../../repositories/citizen/credentials.js';
import { findPersonalData } from '../../repositories/citizen/personal-data.js';
import { findActiveAccountByOid } from '../../repositories/oidc/subjects.js';
import type { AccountRow } from '../../repositories/citizen/accounts.js';
import { checkedInn } from '../citizen/inn-lookup.js';
import { findMembership } from '../../repositories/organization/memberships.js';
import { listOrganizationsOfAccount } from '../../repositories/organization/organizations.js';

export interface OidcSubject {
  /** the oid, the token's `sub` (as ESIA's `urn:esia:sbj_id`) */
  oid: string;
  accountId: string;
  level: AccountLevel;
  /** the account as read by findSubject: the same request's claims start from it */
  account: AccountRow;
}

export type Claims = { sub: string } & Record<string, unknown>;

const levelRank: Record<AccountLevel, number> = { simplified: 0, standard: 1, confirmed: 2 };

/** The lowest level any of the `acr_values` a system asked for accepts (none: any level). */
export function requiredLevel(acrValues: string | undefined): AccountLevel | null {
  if (!acrValues) return null;
  const asked = acrValues.split(' ');
  const levels = (Object.keys(acrByLevel) as AccountLevel[]).filter((l) => asked.includes(acrByLevel[l]));
  if (!levels.length) return null;
  return levels.sort((a, b) => levelRank[a] - levelRank[b])[0]!;
}

export function levelSatisfies(level: AccountLevel, required: AccountLevel | null): boolean {
  return !required || levelRank[level] >= levelRank[required];
}

/**
 * The claims a relying party receives (issue 13, §4), only from checked data: names, birth date,
 * gender and СНИЛС once the registries confirmed them (a standard or confirmed account whose
 * checks passed), e-mail and phone only when verified by a code. Self-declared data of a
 * simplified account is never released as if it were the person's.
 */
export class OidcClaimsService {
  constructor(private readonly deps: { db: Db; cipher: FieldCipher }) {}

  async findSubject(oid: string): Promise<OidcSubject | undefined> {
    const account = await findActiveAccountByOid(this.deps.db, oid);
    return account ? { oid, accountId: account.id, level: account.level, account } : undefined;
  }

  /**
   * The claims of `scopes` for the subject; a scope without checked data gives nothing.
   * `actingFor`: the organization the person signed in acting for (oidc/provider.ts keeps it with
   * the provider's session); its membership is read now, so a removed employee gets nothing.
   * `subject`: the account findSubject read in the same request, not read again.
   */
  async claims(
    oid: string,
    scopes: ReadonlySet<string>,
    options: { actingForOrganizationId?: string | null; subject?: OidcSubject } = {},
  ): Promise<Claims> {
    const { db, cipher } = this.deps;
    const account =
      options.subject?.oid === oid ? options.subject.account : await findActiveAccountByOid(db, oid);
    if (!account) return { sub: oid };
    const out: Claims = { sub: oid };
    const checked = account.level !== 'simplified';
    const data = checked && needsPersonalData(scopes) ? await findPersonalData(db, account.id) : undefined;
    const passed = data?.verificationState === 'passed';
    if (scopes.has('fullname') && checked) {
      out.family_name = account.lastName;
      out.given_name = account.firstName;
      out.middle_name = account.middleName;
    }
    if (data && passed) {
      if (scopes.has('birthdate')) out.birthdate = data.birthDate;
      // OIDC Core §5.1 names the values female and male.
      if (scopes.has('gender')) out.gender = data.gender === 'F' ? 'female' : 'male';
      if (scopes.has('snils')) out.snils = formatSnils(cipher.decrypt(data.snilsEncrypted, account.id));
      if (scopes.has('id_doc'))
        out.id_doc = idDocClaim(
          cipher.decryptJson<PassportData>(data.passportEncrypted, account.id),
          data.citizenship,
        );
      const inn = scopes.has('inn') ? checkedInn(this.deps.cipher, data) : null;
      if (inn) out.inn = inn;
    }
    if (scopes.has('email') || scopes.has('mobile') || scopes.has('contacts')) {
      const contacts = await listVerifiedContacts(db, account.id);
      const email = contacts.find((c) => c.type === 'email');
      const phone = contacts.find((c) => c.type === 'phone');
      if (scopes.has('email') && email) {
        out.email = email.value;
        out.email_verified = true;
      }
      if (scopes.has('mobile') && phone) {
        out.phone_number = phone.value;
        out.phone_number_verified = true;
      }
      if (scopes.has('contacts')) out.contacts = contactsClaim(contacts);
    }
    if (scopes.has('usr_org')) Object.assign(out, await this.organizationClaims(account.id, options));
    return out;
  }

  /** `usr_org`, and `acting_for` when the sign-in was made acting for one of them. */
  private async organizationClaims(
    accountId: string,
    options: { actingForOrganizationId?: string | null },
  ): Promise<Claims | Record<string, unknown>> {
    const { db } = this.deps;
    const rows = await listOrganizationsOfAccount(db, accountId);
    const organizations: OrganizationOfPerson[] = rows.map(({ organization, isHead, isAdministrator }) => ({
      id: organization.id,
      oid: String(organization.oid),
      ogrn: organization.ogrn,
      inn: organization.inn,
      shortName: organization.shortName,
      fullName: organization.fullName,
      status: organization.status,
      roles: rolesOf({ isHead, isAdministrator }),
    }));
    const out: Record<string, unknown> = { usr_org: usrOrgClaim(organizations) };
    const actingId = options.actingForOrganizationId;
    if (actingId) {
      const membership = await findMembership(db, accountId, actingId);
      const groups = membership
        ? groupsInEffect(membership.groups, {
            status: membership.organization.status,
            approvals: membership.organization.approvals,
            blocked: membership.organization.blockedAt !== null,
          })
        : [];
      const acting = actingForClaim(
        membership ? organizations.find((o) => o.id === actingId) : undefined,
        groups,
      );
      if (acting) out.acting_for = acting;
    }
    return out;
  }
}

function needsPersonalData(scopes: ReadonlySet<string>): boolean {
  return ['birthdate', 'gender', 'snils', 'inn', 'id_doc'].some((s) => scopes.has(s));
}
