import type { AccessGroup, OrganizationRole, OrganizationStatus } from '@openesia/contracts';

/**
 * The shapes of the ESIA-named claims a relying party receives (issue 13, §4), from data already
 * checked: pure, so the service decides what is released and this only says how it looks. Field
 * names follow ESIA's REST documents (esia-public-material.md §2.1: `type`, `vrfStu`, `series`,
 * `number`, `issueDate`, `issueId`, `issuedBy`; contact types `EML`, `MBT`), dates as ISO 8601
 * like the standard `birthdate` claim.
 */

export interface PassportData {
  series: string;
  number: string;
  issueDate: string;
  issuedBy: string;
  issuerCode: string;
}

export interface IdDocClaim {
  type: 'RF_PASSPORT';
  vrfStu: 'VERIFIED';
  series: string;
  number: string;
  issueDate: string;
  /** код подразделения */
  issueId: string;
  issuedBy: string;
  citizenship: string;
}

/** The passport the migration service confirmed (`id_doc`). */
export function idDocClaim(passport: PassportData, citizenship: string): IdDocClaim {
  return {
    type: 'RF_PASSPORT',
    vrfStu: 'VERIFIED',
    series: passport.series,
    number: passport.number,
    issueDate: passport.issueDate,
    issueId: passport.issuerCode,
    issuedBy: passport.issuedBy,
    citizenship,
  };
}

export interface ContactClaim {
  type: 'EML' | 'MBT';
  vrfStu: 'VERIFIED';
  value: string;
}

/** Every contact verified by a code (`contacts`), e-mails first, each once. */
export function contactsClaim(
  contacts: readonly { type: 'phone' | 'email'; value: string }[],
): ContactClaim[] {
  const seen = new Set<string>();
  const out: ContactClaim[] = [];
  for (const c of [...contacts].sort((a, b) => (a.type === b.type ? 0 : a.type === 'email' ? -1 : 1))) {
    const type = c.type === 'email' ? 'EML' : 'MBT';
    if (seen.has(`${type}:${c.value}`)) continue;
    seen.add(`${type}:${c.value}`);
    out.push({ type, vrfStu: 'VERIFIED', value: c.value });
  }
  return out;
}

export interface OrganizationOfPerson {
  /** ESIA's numeric oid of the organization (/rs/orgs/{oid}) */
  oid: string;
  id: string;
  ogrn: string;
  inn: string;
  shortName: string;
  fullName: string;
  status: OrganizationStatus;
  roles: OrganizationRole[];
}

export interface UsrOrgClaim {
  /** the organization's numeric oid, as ESIA's /rs/orgs/{oid} names it */
  oid: string;
  ogrn: string;
  inn: string;
  shortName: string;
  fullName: string;
  /** as ESIA's /rs/prns/{oid}/roles: the head (`chief`), an administrator of its profile (`admin`) */
  chief: boolean;
  admin: boolean;
  roles: OrganizationRole[];
}

/**
 * The person's organizations (`usr_org`): only those the tax register (and, for state bodies, the
 * region's operator) confirmed — an organization still being checked is not yet the person's
 * employer as far as anyone relying on the claim can know.
 */
export function usrOrgClaim(organizations: readonly OrganizationOfPerson[]): UsrOrgClaim[] {
  return organizations.filter((o) => o.status === 'registered').map(orgClaim);
}

function orgClaim(o: OrganizationOfPerson): UsrOrgClaim {
  return {
    oid: o.oid,
    ogrn: o.ogrn,
    inn: o.inn,
    shortName: o.shortName,
    fullName: o.fullName,
    chief: o.roles.includes('head'),
    admin: o.roles.includes('administrator'),
    roles: o.roles,
  };
}

export interface ActingForClaim extends UsrOrgClaim {
  /** the access groups in effect now (Технологический портал, specialists of a center...) */
  groups: AccessGroup[];
}

/**
 * The organization the person signed in acting for (sessions.acting_for_organization_id), as the
 * membership is now: none when the person is no longer its employee or it is not registered.
 */
export function actingForClaim(
  organization: OrganizationOfPerson | undefined,
  groups: readonly AccessGroup[],
): ActingForClaim | undefined {
  if (!organization || organization.status !== 'registered') return undefined;
  return { ...orgClaim(organization), groups: [...groups] };
}

/**
 * Whether a sign-in step must ask for the password (or signature) again although the browser has
 * an OpenESIA session (OpenID Connect Core §3.1.2.1): `prompt=login` wants a sign-in made for this
 * request, so one older than the request does not do; `max_age` wants one no older than it.
 * Times in seconds since the epoch.
 */
export function needsFreshSignIn(input: {
  reasons: readonly string[];
  /** when the authorization request created the step */
  requestedAt: number;
  maxAge: number | undefined;
  /** when the OpenESIA session was opened (its sign-in) */
  signedInAt: number;
  now: number;
}): boolean {
  if (input.reasons.includes('login_prompt') && input.signedInAt < input.requestedAt) return true;
  if (input.maxAge !== undefined && input.now - input.signedInAt > input.maxAge) return true;
  return false;
}
