import { Badge, Stack, Text } from '@mantine/core';
import {
  organizationApprovalLabels,
  organizationRoleLabels,
  organizationStatusLabels,
  regionNames,
  taxRegisterRefusalLabels,
  type AccessGroupView,
  type OrganizationRole,
  type OrganizationStatus,
  type RegionCode,
  type TaxRegisterRefusal,
} from '@openesia/contracts';

export const statusColor: Record<OrganizationStatus, string> = {
  checking: 'blue',
  check_failed: 'orange',
  rejected: 'red',
  awaiting_regional_operator: 'yellow',
  returned: 'orange',
  registered: 'green',
};

export function StatusBadge({ status }: { status: OrganizationStatus }) {
  return (
    <Badge
      color={statusColor[status]}
      variant="light"
      size="lg"
      data-testid="organization-status"
      // a long status wraps on a phone rather than running off the screen
      styles={{
        root: { maxWidth: '100%', height: 'auto' },
        label: { whiteSpace: 'normal', overflow: 'visible' },
      }}
    >
      {organizationStatusLabels[status]}
    </Badge>
  );
}

export function personName(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

export function regionLabel(code: string): string {
  const name = regionNames[code as RegionCode];
  return name ? `${code} — ${name}` : code;
}

export function rolesText(roles: OrganizationRole[]): string {
  return roles.map((r) => organizationRoleLabels[r]).join(', ');
}

/** Why the registration stopped: the register's refusal or the regional operator's reason. */
export function StatusReason({
  status,
  refusal,
  returnReason,
}: {
  status: OrganizationStatus;
  refusal: TaxRegisterRefusal | null;
  returnReason: string | null;
}) {
  if (status === 'rejected' && refusal)
    return (
      <Text size="sm">
        <b>Причина:</b> {taxRegisterRefusalLabels[refusal]}
      </Text>
    );
  if (status === 'returned' && returnReason)
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <b>Причина возврата:</b> {returnReason}
      </Text>
    );
  return null;
}

/** A read-only row of the register's data: label, value. */
export function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text style={{ overflowWrap: 'anywhere' }}>{value || '—'}</Text>
    </Stack>
  );
}

/** Why a group is locked, in the words of seed 000, section 5: which approval opens it, or the blocking. */
export function lockText(g: Pick<AccessGroupView, 'lockedReason' | 'approval'>): string {
  if (g.lockedReason === 'organization_not_registered')
    return 'Группа станет доступна после регистрации организации.';
  if (g.lockedReason === 'organization_blocked')
    return 'Группа недоступна: оператор ЕСИА заблокировал организацию как оператора выдачи ключа ПЭП. Сотрудники группы не могут выполнять операции, пока блокировка не снята.';
  return g.approval
    ? `Группа станет доступна после получения согласования: ${organizationApprovalLabels[g.approval]}.`
    : 'Группа недоступна: организация ещё не получила согласование, которое её открывает.';
}
