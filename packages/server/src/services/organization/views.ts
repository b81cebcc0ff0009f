import type { MyOrganization } from '@openesia/contracts';
import { rolesOf } from '../../domain/organization/membership.js';
import type { OrganizationRow } from '../../repositories/organization/organizations.js';

/** What the personal page and the header show of one of the person's organizations. */
export function toMyOrganization(
  o: Pick<
    OrganizationRow,
    'id' | 'shortName' | 'fullName' | 'ogrn' | 'regionCode' | 'status' | 'refusal' | 'returnReason'
  >,
  member: { isHead: boolean; isAdministrator: boolean },
): MyOrganization {
  return {
    id: o.id,
    shortName: o.shortName,
    fullName: o.fullName,
    ogrn: o.ogrn,
    regionCode: o.regionCode,
    status: o.status,
    refusal: o.refusal,
    returnReason: o.returnReason,
    roles: rolesOf(member),
  };
}
