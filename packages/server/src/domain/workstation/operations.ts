import {
  groupOperations,
  operationService,
  workstationOperations,
  type AccessGroup,
  type AccountLevel,
  type CenterService,
  type ConfirmationMethod,
  type WorkstationOperation,
} from '@openesia/contracts';

/**
 * Which operations fit a found account: the recommended algorithm of seed 003, appendix 2, as
 * rules. Confirmed: re-confirm (only if it was confirmed by post), restore access, delete, add a
 * child. Not confirmed: confirm (a standard account whose checks passed), or register a confirmed
 * account on the basis of the simplified one. A registration is a new account, offered by the
 * search (`registrationOffer`), never on a found one.
 */
export interface FoundAccount {
  status: 'active' | 'deleted';
  level: AccountLevel;
  confirmationMethod: ConfirmationMethod | null;
  /** personal data: none, or the state of its registry checks */
  checks: 'none' | 'in_progress' | 'passed' | 'failed';
}

export function fitsAccount(operation: WorkstationOperation, account: FoundAccount): boolean {
  if (account.status !== 'active') return false;
  switch (operation) {
    case 'registration':
      return false;
    case 'upgrade':
      return account.level === 'simplified' && account.checks !== 'in_progress';
    case 'confirmation':
      return account.level === 'standard' && account.checks === 'passed';
    case 'reconfirmation':
      return account.level === 'confirmed' && account.confirmationMethod === 'post';
    case 'recovery':
    case 'deletion':
      // seed 003, appendix 2: a found account that is not confirmed is confirmed first
      return account.level === 'confirmed' && account.checks !== 'in_progress';
    case 'add_child':
      return account.level === 'confirmed';
  }
}

/** What the operator at a center may do: the center offers the service, one of the groups grants it. */
export interface OperatorStanding {
  groups: readonly AccessGroup[];
  /** the center's «Услуги» the organization's approvals allow now */
  services: ReadonlySet<CenterService>;
}

export function groupGrants(groups: readonly AccessGroup[], operation: WorkstationOperation): boolean {
  return groups.some((g) =>
    (groupOperations as Partial<Record<AccessGroup, readonly WorkstationOperation[]>>)[g]?.includes(
      operation,
    ),
  );
}

export type Unavailable = 'account_state' | 'service_not_offered' | 'group';

/** Why the operator cannot do `operation` here (center and group first), or null when he can. */
export function operatorRefusal(
  standing: OperatorStanding,
  operation: WorkstationOperation,
): Exclude<Unavailable, 'account_state'> | null {
  if (!standing.services.has(operationService[operation])) return 'service_not_offered';
  if (!groupGrants(standing.groups, operation)) return 'group';
  return null;
}

export function operationsOffered(standing: OperatorStanding): WorkstationOperation[] {
  return workstationOperations.filter((op) => operatorRefusal(standing, op) === null);
}

/** The offer of each operation on one found account, with the reason when it is not offered. */
export function offersFor(
  standing: OperatorStanding,
  account: FoundAccount,
): { operation: WorkstationOperation; available: boolean; reason: Unavailable | null }[] {
  return workstationOperations
    .filter((op) => op !== 'registration')
    .map((operation) => {
      const reason: Unavailable | null = fitsAccount(operation, account)
        ? operatorRefusal(standing, operation)
        : 'account_state';
      return { operation, available: reason === null, reason };
    });
}

/**
 * «Регистрация» after a search: offered when nothing was found; when someone was found it needs a
 * written reason (two people can share a name and a birth date), and the registration itself still
 * refuses a СНИЛС, a passport or a contact that another account holds.
 */
export function registrationOffer(
  standing: OperatorStanding,
  foundCount: number,
): 'offered' | 'with_reason' | 'not_offered' {
  if (operatorRefusal(standing, 'registration')) return 'not_offered';
  return foundCount === 0 ? 'offered' : 'with_reason';
}
