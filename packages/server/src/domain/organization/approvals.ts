import type { AccessGroup, CenterService, OrganizationApproval } from '@openesia/contracts';

/**
 * What each approval gives an organization (DOMAIN.md "Applications and approvals"; seed 000,
 * section 4; seed 003): the one table of effects. Форма З makes it «уполномоченная организация»:
 * the group «Специалисты по подтверждению личности» and the service «Подтверждение». Форма И, which
 * follows an approved Форма З, opens «Специалисты по регистрации и подтверждению» and the services
 * «Регистрация», «Восстановление», «Удаление». A revoked approval or a blocked organization takes
 * them back at once: every check asks these functions with the organization's facts as they are.
 */
export const APPROVAL_EFFECTS: Record<
  OrganizationApproval,
  {
    groups: readonly AccessGroup[];
    services: readonly CenterService[];
    requires: OrganizationApproval | null;
  }
> = {
  form_z: { groups: ['identity_specialists'], services: ['confirmation'], requires: null },
  form_i: {
    groups: ['registration_specialists'],
    services: ['registration', 'recovery', 'deletion'],
    requires: 'form_z',
  },
};

/** The approval a group waits for, or null for a group every registered organization has. */
export function approvalOpening(group: AccessGroup): OrganizationApproval | null {
  for (const [approval, effects] of Object.entries(APPROVAL_EFFECTS) as [
    OrganizationApproval,
    (typeof APPROVAL_EFFECTS)[OrganizationApproval],
  ][])
    if (effects.groups.includes(group)) return approval;
  return null;
}

/**
 * The services the organization's centers may offer now: the effects of the approvals it holds
 * (each only with the approval it requires), none while it is blocked as an issuer.
 */
export function allowedServices(organization: {
  approvals: ReadonlySet<OrganizationApproval>;
  /** required: every caller says whether the organization is blocked now (blocking.ts) */
  blocked: boolean;
}): Set<CenterService> {
  const allowed = new Set<CenterService>();
  if (organization.blocked) return allowed;
  for (const approval of organization.approvals) {
    const effects = APPROVAL_EFFECTS[approval];
    if (effects.requires && !organization.approvals.has(effects.requires)) continue;
    effects.services.forEach((s) => allowed.add(s));
  }
  return allowed;
}

/**
 * What revoking `approval` takes back: the approval and every approval that requires it (Форма И
 * follows Форма З, so losing the status of an authorized organization loses the АРМ's extended
 * access too).
 */
export function approvalsRevokedWith(approval: OrganizationApproval): OrganizationApproval[] {
  const dependants = (Object.keys(APPROVAL_EFFECTS) as OrganizationApproval[]).filter(
    (a) => APPROVAL_EFFECTS[a].requires === approval,
  );
  return [approval, ...dependants.flatMap(approvalsRevokedWith)];
}
