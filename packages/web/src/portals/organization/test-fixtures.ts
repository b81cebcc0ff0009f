import type {
  AccessGroupView,
  Invitation,
  MyOrganization,
  OrganizationMember,
  OrganizationProfile,
} from '@openesia/contracts';

/** Answers of the organization context's API, as the contracts shape them, for component tests. */

export const organizationId = '3b7e2a52-9a4b-4b1f-9a51-2f0c3f6a1d01';
export const employeeId = '6d1c7a0e-1f0b-4b5e-8a55-0a8f9b2c3d02';

export const account = {
  id: '0f4a1f1e-2b6c-4f0e-9d1b-7a1c2e3f4a00',
  oid: '1000000001',
  lastName: 'Громова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  level: 'confirmed' as const,
  confirmationMethod: 'signature' as const,
  contacts: [],
  authMethod: 'password' as const,
  passwordChangeRequired: false,
};

export const myOrganization = (over: Partial<MyOrganization> = {}): MyOrganization => ({
  id: organizationId,
  shortName: 'БУ ВО «МФЦ»',
  fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
  ogrn: '1023500000010',
  regionCode: '35',
  status: 'registered',
  refusal: null,
  returnReason: null,
  roles: ['head'],
  ...over,
});

export const profile = (over: Partial<OrganizationProfile> = {}): OrganizationProfile => ({
  id: organizationId,
  ogrn: '1023500000010',
  inn: '3525000014',
  kpp: '352501001',
  fullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
  shortName: 'БУ ВО «МФЦ»',
  type: 'mfc',
  regionCode: '35',
  legalAddress: 'г. Вологда, ул. Мира, д. 1',
  postalAddress: 'г. Вологда, ул. Мира, д. 1',
  phone: '+7 (8172) 23-01-29',
  email: 'mfc@example.ru',
  head: { lastName: 'Громова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Директор' },
  status: 'registered',
  refusal: null,
  returnReason: null,
  createdAt: '2026-11-01T09:00:00.000Z',
  checkedAt: '2026-11-01T09:05:00.000Z',
  registeredAt: '2026-11-01T09:05:00.000Z',
  approvals: [],
  blocking: null,
  yourRoles: ['head'],
  revision: 1,
  ...over,
});

export const member = (over: Partial<OrganizationMember> = {}): OrganizationMember => ({
  accountId: employeeId,
  lastName: 'Петров',
  firstName: 'Пётр',
  middleName: 'Петрович',
  roles: ['employee'],
  groups: [],
  joinedAt: '2026-11-02T09:00:00.000Z',
  ...over,
});

export const groups: AccessGroupView[] = [
  {
    group: 'tech_portal',
    system: 'esia',
    open: true,
    lockedReason: null,
    approval: null,
    memberCount: 0,
  },
  {
    group: 'identity_specialists',
    system: 'arm_service_center',
    open: false,
    lockedReason: 'approval_missing',
    approval: 'form_z',
    memberCount: 0,
  },
  {
    group: 'registration_specialists',
    system: 'arm_service_center',
    open: false,
    lockedReason: 'approval_missing',
    approval: 'form_i',
    memberCount: 0,
  },
];

export const invitation = (over: Partial<Invitation> = {}): Invitation => ({
  id: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c03',
  email: 'petrov@example.ru',
  lastName: 'Петров',
  firstName: 'Пётр',
  groups: [],
  state: 'pending',
  sentAt: '2026-11-02T09:00:00.000Z',
  expiresAt: '2027-01-01T09:00:00.000Z',
  ...over,
});

export const refuse = (status: number, code: string, fields?: { path: string; code: string }[]) => ({
  status,
  body: { error: { code, ...(fields ? { fields } : {}) } },
});
