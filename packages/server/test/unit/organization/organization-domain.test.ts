import {
  innLeWithChecksum,
  isValidInn,
  isValidOgrn,
  ogrnWithChecksum,
  regionCodes,
  regions,
  simulatedTaxRegister,
  type CertificateSubject,
  type OrganizationApproval,
  type OrganizationStatus,
} from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import {
  assertGroupOpen,
  groupAvailability,
  groupsInEffect,
} from '../../../src/domain/organization/access-groups.js';
import {
  assertAcceptable,
  assertCanResend,
  assertCanRevoke,
  invitationExpiry,
  invitationState,
  type InvitationFacts,
} from '../../../src/domain/organization/invitation.js';
import { readLegalEntity } from '../../../src/domain/organization/legal-entity-certificate.js';
import {
  assertCanRemove,
  assertCanSetAdministrator,
  canManage,
  withNewHead,
  type Member,
} from '../../../src/domain/organization/membership.js';
import {
  judgeTaxRegisterRecord,
  needsRegionalConfirmation,
  nextRegistrationStatus,
  type RegistrationEvent,
  type TaxRegisterRecord,
} from '../../../src/domain/organization/registration.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
};

const mfc = simulatedTaxRegister[0];
const head = { lastName: 'Громова', firstName: 'Анна', middleName: 'Сергеевна', snils: '112-233-445 95' };
const subject: CertificateSubject = {
  commonName: mfc.shortName,
  lastName: 'ГРОМОВА',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  snils: '11223344595',
  inn: null,
  innLe: mfc.inn,
  ogrn: mfc.ogrn,
  ogrnip: null,
  organization: mfc.fullName,
  title: 'Директор',
  email: null,
};

describe('the legal entity read from the head’s certificate', () => {
  it('reads ОГРН, ИНН ЮЛ, the full name and the head with position', () => {
    expect(readLegalEntity(subject, head)).toEqual({
      ogrn: mfc.ogrn,
      inn: mfc.inn,
      fullName: mfc.fullName,
      head: {
        lastName: 'ГРОМОВА',
        firstName: 'Анна',
        middleName: 'Сергеевна',
        snils: '11223344595',
        position: 'Директор',
        personalInn: null,
      },
    });
  });

  it('refuses a personal certificate, an entrepreneur’s, bad check digits and another person', () => {
    expect(code(() => readLegalEntity({ ...subject, ogrn: null, innLe: null }, head))).toBe(
      'organization.not_legal_entity_certificate',
    );
    expect(code(() => readLegalEntity({ ...subject, ogrnip: '304500116000157' }, head))).toBe(
      'organization.not_legal_entity_certificate',
    );
    const badOgrn = mfc.ogrn.slice(0, 12) + String((Number(mfc.ogrn[12]) + 1) % 10);
    expect(code(() => readLegalEntity({ ...subject, ogrn: badOgrn }, head))).toBe(
      'organization.identifiers_invalid',
    );
    expect(code(() => readLegalEntity(subject, { ...head, snils: '112-233-445 96' }))).toBe(
      'signature.snils_mismatch',
    );
    expect(code(() => readLegalEntity(subject, { ...head, firstName: 'Мария' }))).toBe(
      'signature.name_mismatch',
    );
  });
});

describe('the tax register’s record against the certificate', () => {
  const fromCertificate = readLegalEntity(subject, head);
  const record = (patch: Partial<Extract<TaxRegisterRecord, { found: true }>> = {}): TaxRegisterRecord => ({
    found: true,
    ogrn: mfc.ogrn,
    inn: mfc.inn,
    kpp: mfc.kpp,
    fullName: mfc.fullName,
    status: 'active',
    head: { ...mfc.head },
    ...patch,
  });

  it('confirms the same organization and head (Ё = Е, case and quotes aside), taking the КПП', () => {
    expect(
      judgeTaxRegisterRecord(fromCertificate, record({ fullName: mfc.fullName.replace(/[«»]/g, '"') })),
    ).toEqual({ ok: true, kpp: mfc.kpp, headPosition: 'Директор' });
  });

  it('refuses each difference with its own reason', () => {
    expect(judgeTaxRegisterRecord(fromCertificate, { found: false })).toEqual({
      ok: false,
      refusal: 'not_found',
    });
    expect(judgeTaxRegisterRecord(fromCertificate, record({ inn: innLeWithChecksum('352500009') }))).toEqual({
      ok: false,
      refusal: 'not_found',
    });
    expect(judgeTaxRegisterRecord(fromCertificate, record({ status: 'liquidated' }))).toEqual({
      ok: false,
      refusal: 'liquidated',
    });
    expect(judgeTaxRegisterRecord(fromCertificate, record({ status: 'in_liquidation' }))).toEqual({
      ok: false,
      refusal: 'in_liquidation',
    });
    expect(
      judgeTaxRegisterRecord(fromCertificate, record({ head: { ...mfc.head, lastName: 'Петрова' } })),
    ).toEqual({ ok: false, refusal: 'head_differs' });
    expect(judgeTaxRegisterRecord(fromCertificate, record({ fullName: 'Другое учреждение' }))).toEqual({
      ok: false,
      refusal: 'data_differs',
    });
  });
});

describe('the registration’s statuses', () => {
  const statuses: OrganizationStatus[] = [
    'checking',
    'check_failed',
    'rejected',
    'awaiting_regional_operator',
    'returned',
    'registered',
  ];
  const events: RegistrationEvent[] = [
    { kind: 'register_confirmed', type: 'mfc' },
    { kind: 'register_confirmed', type: 'russian_post' },
    { kind: 'register_refused' },
    { kind: 'register_unavailable' },
    { kind: 'regional_confirmed' },
    { kind: 'regional_returned' },
    { kind: 'resubmitted' },
    { kind: 'check_retried' },
  ];
  const allowed: Record<string, string> = {
    'checking register_confirmed mfc': 'awaiting_regional_operator',
    'checking register_confirmed russian_post': 'registered',
    'checking register_refused': 'rejected',
    'checking register_unavailable': 'check_failed',
    'awaiting_regional_operator regional_confirmed': 'registered',
    'awaiting_regional_operator regional_returned': 'returned',
    'returned resubmitted': 'checking',
    'check_failed check_retried': 'checking',
  };

  it('moves only along the documented transitions; every other pair is organization.wrong_state', () => {
    for (const status of statuses)
      for (const event of events) {
        const key = [status, event.kind, 'type' in event ? event.type : ''].join(' ').trim();
        const expected = allowed[key] ?? 'organization.wrong_state';
        let got: string;
        try {
          got = nextRegistrationStatus(status, event);
        } catch (err) {
          got = (err as { code: string }).code;
        }
        expect(got, key).toBe(expected);
      }
  });

  it('sends every state and municipal type to the regional operator, Почта России not', () => {
    expect(needsRegionalConfirmation('state_institution')).toBe(true);
    expect(needsRegionalConfirmation('local_self_government')).toBe(true);
    expect(needsRegionalConfirmation('mfc')).toBe(true);
    expect(needsRegionalConfirmation('russian_post')).toBe(false);
  });
});

describe('invitations', () => {
  const sentAt = new Date('2026-12-01T10:00:00Z');
  const invitation: InvitationFacts = {
    lastName: 'Соколова',
    firstName: 'Мария',
    expiresAt: invitationExpiry(sentAt),
    acceptedAt: null,
    revokedAt: null,
  };
  const person = {
    level: 'confirmed' as const,
    lastName: 'СОКОЛОВА',
    firstName: 'мария',
    alreadyMember: false,
  };
  const day = 24 * 3600 * 1000;

  it('is valid 60 days to the millisecond', () => {
    expect(invitationState(invitation, new Date(sentAt.getTime() + 60 * day - 1))).toBe('pending');
    expect(invitationState(invitation, new Date(sentAt.getTime() + 60 * day))).toBe('expired');
  });

  it('is accepted once, by a confirmed account of the invited name, not by a member', () => {
    const now = new Date(sentAt.getTime() + day);
    expect(code(() => assertAcceptable(invitation, person, now))).toBe('ok');
    expect(code(() => assertAcceptable({ ...invitation, acceptedAt: now }, person, now))).toBe(
      'invitation.used',
    );
    expect(code(() => assertAcceptable({ ...invitation, revokedAt: now }, person, now))).toBe(
      'invitation.revoked',
    );
    expect(code(() => assertAcceptable(invitation, person, new Date(sentAt.getTime() + 61 * day)))).toBe(
      'invitation.expired',
    );
    expect(code(() => assertAcceptable(invitation, { ...person, level: 'standard' }, now))).toBe(
      'invitation.account_not_confirmed',
    );
    expect(code(() => assertAcceptable(invitation, { ...person, firstName: 'Марина' }, now))).toBe(
      'invitation.name_mismatch',
    );
    expect(code(() => assertAcceptable(invitation, { ...person, alreadyMember: true }, now))).toBe(
      'invitation.already_member',
    );
  });

  it('is revoked only while pending, and resent unless accepted or revoked', () => {
    const later = new Date(sentAt.getTime() + 61 * day);
    expect(code(() => assertCanRevoke(invitation, sentAt))).toBe('ok');
    expect(code(() => assertCanRevoke(invitation, later))).toBe('invitation.expired');
    expect(code(() => assertCanResend(invitation, later))).toBe('ok');
    expect(code(() => assertCanResend({ ...invitation, acceptedAt: sentAt }, later))).toBe('invitation.used');
  });
});

describe('employees and administrators', () => {
  const members: Member[] = [
    { accountId: 'head', isHead: true, isAdministrator: true },
    { accountId: 'admin', isHead: false, isAdministrator: true },
    { accountId: 'employee', isHead: false, isAdministrator: false },
  ];

  it('lets the head and administrators manage, nobody else', () => {
    expect(members.map(canManage)).toEqual([true, true, false]);
    expect(canManage(undefined)).toBe(false);
  });

  it('removes employees and administrators, never the head or the last administrator', () => {
    expect(code(() => assertCanRemove(members, 'employee'))).toBe('ok');
    expect(code(() => assertCanRemove(members, 'admin'))).toBe('ok');
    expect(code(() => assertCanRemove(members, 'head'))).toBe('organization.cannot_remove_head');
    expect(code(() => assertCanRemove(members, 'stranger'))).toBe('organization.not_member');
    const headLeft = withNewHead(members, null).filter((m) => m.accountId !== 'head');
    expect(
      code(() =>
        assertCanRemove(
          headLeft.filter((m) => m.accountId !== 'employee'),
          'admin',
        ),
      ),
    ).toBe('organization.last_administrator');
  });

  it('lets only the head grant and take back administration, never its own', () => {
    expect(code(() => assertCanSetAdministrator(members, 'head', 'employee', true))).toBe('ok');
    expect(code(() => assertCanSetAdministrator(members, 'head', 'admin', false))).toBe('ok');
    expect(code(() => assertCanSetAdministrator(members, 'admin', 'employee', true))).toBe(
      'organization.head_only',
    );
    expect(code(() => assertCanSetAdministrator(members, 'head', 'head', false))).toBe(
      'organization.cannot_remove_head',
    );
  });

  it('makes the register’s new head head and administrator, the previous head an administrator', () => {
    expect(withNewHead(members, 'employee')).toEqual([
      { accountId: 'head', isHead: false, isAdministrator: true },
      { accountId: 'admin', isHead: false, isAdministrator: true },
      { accountId: 'employee', isHead: true, isAdministrator: true },
    ]);
  });
});

describe('groups and the approvals that open them', () => {
  const org = (status: OrganizationStatus, approvals: OrganizationApproval[], blocked = false) => ({
    status,
    approvals: new Set(approvals),
    blocked,
  });

  it('opens the technological portal to a registered organization, the АРМ groups by Форма З and И', () => {
    expect(groupAvailability('tech_portal', org('registered', []))).toEqual({ open: true });
    expect(groupAvailability('identity_specialists', org('registered', []))).toEqual({
      open: false,
      reason: 'approval_missing',
      approval: 'form_z',
    });
    expect(groupAvailability('identity_specialists', org('registered', ['form_z']))).toEqual({ open: true });
    expect(groupAvailability('registration_specialists', org('registered', ['form_z']))).toEqual({
      open: false,
      reason: 'approval_missing',
      approval: 'form_i',
    });
    expect(groupAvailability('tech_portal', org('awaiting_regional_operator', []))).toEqual({
      open: false,
      reason: 'organization_not_registered',
    });
    expect(code(() => assertGroupOpen('registration_specialists', org('registered', ['form_z'])))).toBe(
      'group.locked',
    );
  });

  it('closes the АРМ groups of a blocked organization, whatever it holds, and leaves the portal open', () => {
    const blocked = org('registered', ['form_z', 'form_i'], true);
    expect(groupAvailability('tech_portal', blocked)).toEqual({ open: true });
    for (const group of ['identity_specialists', 'registration_specialists'] as const) {
      expect(groupAvailability(group, blocked)).toEqual({ open: false, reason: 'organization_blocked' });
      expect(code(() => assertGroupOpen(group, blocked))).toBe('group.locked');
    }
    // One without the approval is told it is blocked: that is what stands in its way first.
    expect(groupAvailability('registration_specialists', org('registered', ['form_z'], true))).toEqual({
      open: false,
      reason: 'organization_blocked',
    });
    expect(
      groupsInEffect(['tech_portal', 'identity_specialists', 'registration_specialists'], blocked),
    ).toEqual(['tech_portal']);
    expect(
      groupsInEffect(
        ['tech_portal', 'identity_specialists', 'registration_specialists'],
        org('registered', ['form_z', 'form_i']),
      ),
    ).toEqual(['tech_portal', 'identity_specialists', 'registration_specialists']);
  });
});

describe('the shared vocabulary', () => {
  it('lists the 89 субъекты РФ with distinct two-digit codes', () => {
    expect(regions).toHaveLength(89);
    expect(new Set(regionCodes).size).toBe(89);
    expect(regionCodes.every((c) => /^\d{2}$/.test(c))).toBe(true);
  });

  it('gives the simulated register valid ОГРН and ИНН', () => {
    expect(isValidOgrn(ogrnWithChecksum('102350000001'))).toBe(true);
    for (const record of simulatedTaxRegister) {
      expect(isValidOgrn(record.ogrn), record.ogrn).toBe(true);
      expect(isValidInn(record.inn), record.inn).toBe(true);
    }
  });
});
