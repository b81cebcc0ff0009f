import type {
  CenterService,
  WorkstationSearchAnswer,
  WorkstationSearchResult,
  WorkstationSession,
} from '@openesia/contracts';

/** Shared by the component tests and e2e/workstation-pages.spec.ts (stubbed API answers). */
export const center = {
  id: '0b7d9a52-3c1e-4f7a-9a61-2f3b4c5d6e70',
  name: 'МФЦ «Мои документы» Вологда, Ленинградская',
  address: '160019, Вологодская обл., г. Вологда, ул. Ленинградская, д. 36',
  regionCode: '35',
  services: ['registration', 'confirmation', 'recovery'] as CenterService[],
};

export const session = (over: Partial<WorkstationSession> = {}): WorkstationSession => ({
  operator: {
    accountId: '5f1d2c3b-4a5e-4f60-8a71-b2c3d4e5f601',
    fullName: 'Константинопольская Александра Владимировна',
    certificateThumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    certificateValidTo: '2027-12-31T00:00:00.000Z',
  },
  organization: {
    id: 'a0000000-0000-4000-8000-000000000001',
    shortName: 'БУ ВО «МФЦ»',
    ogrn: '1023500000001',
  },
  groups: ['registration_specialists'],
  center,
  operations: ['registration', 'upgrade', 'confirmation', 'reconfirmation', 'recovery', 'add_child'],
  termsAccepted: true,
  termsVersion: '2026-12',
  idleMinutes: 15,
  expiresAt: '2026-12-01T10:15:00.000Z',
  ...over,
});

export const found = (over: Partial<WorkstationSearchResult> = {}): WorkstationSearchResult => ({
  accountId: 'c1a2b3c4-d5e6-4f70-8a91-b2c3d4e5f6a7',
  oid: '1000012345',
  level: 'standard',
  confirmationMethod: null,
  name: 'Иванов И. П.',
  birthDate: '1985-**-**',
  snils: '***-***-*** 95',
  phone: '+7 *** ***-**-67',
  email: 'i***@mail.ru',
  document: 'Паспорт РФ 19 ** ***456',
  checks: 'passed',
  matchedBy: ['snils', 'document'],
  operations: [
    { operation: 'confirmation', available: true, reason: null },
    { operation: 'reconfirmation', available: false, reason: 'account_state' },
    { operation: 'recovery', available: true, reason: null },
    { operation: 'deletion', available: false, reason: 'service_not_offered' },
    { operation: 'add_child', available: true, reason: null },
  ],
  ...over,
});

export const answer = (over: Partial<WorkstationSearchAnswer> = {}): WorkstationSearchAnswer => ({
  searchedBy: ['snils', 'document'],
  results: [found()],
  registration: 'with_reason',
  ...over,
});
