import type { OrganizationRole } from '@openesia/contracts';

/** Who may change what: the head and administrators manage; the head alone names administrators. */
export function abilities(roles: OrganizationRole[]) {
  const head = roles.includes('head');
  return { manage: head || roles.includes('administrator'), head };
}

export type Abilities = ReturnType<typeof abilities>;
