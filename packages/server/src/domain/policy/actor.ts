import type { AccessGroup, AccountLevel, CenterService, OrganizationRole } from '@openesia/contracts';

/**
 * Who acts in a request or a job. Resolved once per request by the HTTP layer (the session, then
 * the role tables for the audience's router) and handed to every use-case, which begins with
 * `assertAllowed(actor, action, resource)` (policy.ts). Nothing here does I/O.
 */
export type Actor =
  | AnonymousActor
  | CitizenActor
  | OrganizationMemberActor
  | RegionalOperatorActor
  | FederalOperatorActor
  | WorkstationOperatorActor
  | SystemActor;

export type ActorKind = Actor['kind'];
export const actorKinds = [
  'anonymous',
  'citizen',
  'organization_member',
  'regional_operator',
  'federal_operator',
  'workstation_operator',
  'system',
] as const satisfies readonly ActorKind[];

/** No session (or one that expired): the public audience. */
export interface AnonymousActor {
  kind: 'anonymous';
}

/** A signed-in person acting for themself, with the account's trust level (seed 000, section 1). */
export interface CitizenActor {
  kind: 'citizen';
  accountId: string;
  level: AccountLevel;
}

/** Roles a person holds in an organization's profile (contracts: «Руководитель», …). */
export type { OrganizationRole };

/** A person acting for an organization: its roles and access groups there, and nowhere else. */
export interface OrganizationMemberActor {
  kind: 'organization_member';
  personId: string;
  organizationId: string;
  roles: readonly OrganizationRole[];
  groups: readonly string[];
}

/** An operator of a region's service centers: acts only for its region (ОКАТО/код субъекта). */
export interface RegionalOperatorActor {
  kind: 'regional_operator';
  accountId: string;
  regionCode: string;
}

/** «Оператор ЕСИА» (Минцифры): the trust list and the federal decisions. */
export interface FederalOperatorActor {
  kind: 'federal_operator';
  accountId: string;
}

/**
 * An operator in АРМ «Центр обслуживания» (issue 12): signed in with a qualified certificate naming
 * the organization, in an АРМ group there, with the organization approved and not blocked. Resolved
 * on every request from the workstation session and the state of the organization and center now,
 * so a blocking, a revocation, a detachment or a removal from the group takes effect at once.
 */
export interface WorkstationOperatorActor {
  kind: 'workstation_operator';
  accountId: string;
  organizationId: string;
  /** the organization's region: the journal is read by region */
  regionCode: string;
  /** the АРМ groups in effect (domain/organization/access-groups.ts) */
  groups: readonly AccessGroup[];
  /** the center the session is bound to, once chosen and while it is active and he is attached */
  centerId: string | null;
  /** the chosen center's «Услуги» that the organization's approvals allow now */
  services: readonly CenterService[];
  termsAccepted: boolean;
  sessionTokenHash: string;
  certificateThumbprint: string;
}

/** The server itself: jobs, the console (CLI) and the demo seed. `via` names which. */
export interface SystemActor {
  kind: 'system';
  via: string;
}

export const anonymous: AnonymousActor = Object.freeze({ kind: 'anonymous' });

export function systemActor(via: string): SystemActor {
  return { kind: 'system', via };
}
