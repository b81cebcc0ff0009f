import {
  digitsOnly,
  isValidInn,
  isValidOgrn,
  type AccessGroup,
  type CertificateSubject,
} from '@openesia/contracts';
import { AppError } from '../../lib/errors.js';
import { groupsInEffect, type OrganizationStanding } from '../organization/access-groups.js';
import { allowedServices } from '../organization/approvals.js';

/** The АРМ groups (contracts' accessGroupInfo, system «АРМ Центра обслуживания»). */
export const WORKSTATION_GROUPS: readonly AccessGroup[] = [
  'identity_specialists',
  'registration_specialists',
];

/**
 * The organization an operator's service certificate names (seed 002, step 9: «усиленные
 * квалифицированные электронные подписи (ЭП-СП) для сотрудников»; Приказ ФСБ № 795 п. 17.2: ОГРН
 * 1.2.643.100.1 and ИНН ЮЛ 1.2.643.100.4). A personal certificate, or one of an individual
 * entrepreneur, names no organization.
 */
export function certificateOrganization(subject: CertificateSubject): { ogrn: string; inn: string } {
  const ogrn = digitsOnly(subject.ogrn ?? '');
  const inn = digitsOnly(subject.innLe ?? '');
  if (!ogrn || !inn || subject.ogrnip || !isValidOgrn(ogrn) || inn.length !== 10 || !isValidInn(inn))
    throw new AppError('workstation.certificate_no_organization');
  return { ogrn, inn };
}

/**
 * May this employee work in the workstation now? The organization registered, not blocked, holding
 * an approval that allows a service, and the person in an АРМ group in effect. The refusal names
 * the first thing missing, in that order. Returns the groups in effect.
 */
export function assertMayOperate(
  organization: OrganizationStanding,
  groups: readonly AccessGroup[],
): AccessGroup[] {
  if (organization.status !== 'registered') throw new AppError('workstation.organization_unknown');
  if (organization.blocked) throw new AppError('workstation.organization_blocked');
  if (!allowedServices(organization).size) throw new AppError('workstation.organization_not_approved');
  const inEffect = groupsInEffect(
    groups.filter((g) => WORKSTATION_GROUPS.includes(g)),
    organization,
  );
  if (!inEffect.length) throw new AppError('workstation.not_operator');
  return inEffect;
}
