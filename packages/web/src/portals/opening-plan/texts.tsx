import { Badge } from '@mantine/core';
import { planStageLabels, type PlanGap, type PlanStage } from '@openesia/contracts';

/**
 * Where each missing fact of the plan is put right, as a link in the organization's profile; the
 * service centers and the operator's workstation come with the technological portal and the АРМ,
 * which are not built yet, so their gaps name no place.
 */
export const gapPlace: Record<PlanGap, { to: string; label: string } | null> = {
  organization_not_registered: { to: '/profile', label: 'Личный кабинет: статус регистрации' },
  no_technical_official: { to: '/organization?tab=access', label: 'Доступ к системам' },
  no_operators: { to: '/organization?tab=invitations', label: 'Приглашения' },
  operators_without_service_certificate: { to: '/organization?tab=members', label: 'Сотрудники' },
  form_z_not_approved: { to: '/organization?tab=applications', label: 'Заявки' },
  form_i_not_approved: { to: '/organization?tab=applications', label: 'Заявки' },
  no_active_center: null,
  no_operator_in_workstation_groups: { to: '/organization?tab=access', label: 'Доступ к системам' },
  no_operator_attached_to_center: null,
  no_operator_signed_in_to_workstation: null,
};

export const stageColor: Record<PlanStage, string> = {
  registration: 'gray',
  officials: 'grape',
  form_z: 'indigo',
  form_i: 'blue',
  centers: 'cyan',
  workstations: 'teal',
  complete: 'green',
};

export function StageBadge({ stage }: { stage: PlanStage }) {
  return (
    <Badge
      color={stageColor[stage]}
      variant="light"
      styles={{
        root: { maxWidth: '100%', height: 'auto' },
        label: { whiteSpace: 'normal', overflow: 'visible' },
      }}
    >
      {planStageLabels[stage]}
    </Badge>
  );
}

export function OverdueBadge() {
  return (
    <Badge color="red" variant="filled" styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}>
      Просрочено
    </Badge>
  );
}

/** "2017-08-28" -> "28.08.2017" */
export function formatIsoDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}
