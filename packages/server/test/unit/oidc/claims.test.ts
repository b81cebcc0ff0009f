import { describe, expect, it } from 'vitest';
import {
  actingForClaim,
  contactsClaim,
  idDocClaim,
  needsFreshSignIn,
  usrOrgClaim,
  type OrganizationOfPerson,
} from '../../../src/domain/oidc/claims.js';

const org = (overrides: Partial<OrganizationOfPerson> = {}): OrganizationOfPerson => ({
  id: 'org-1',
  oid: '1000000001',
  ogrn: '1027700000017',
  inn: '7700000001',
  shortName: 'ГУ «Центр»',
  fullName: 'Государственное учреждение «Центр»',
  status: 'registered',
  roles: ['employee'],
  ...overrides,
});

describe('ESIA-named claims', () => {
  it('id_doc: the passport with ESIA field names', () => {
    expect(
      idDocClaim(
        {
          series: '1905',
          number: '123456',
          issueDate: '2010-04-20',
          issuedBy: 'УФМС',
          issuerCode: '350-001',
        },
        'RUS',
      ),
    ).toEqual({
      type: 'RF_PASSPORT',
      vrfStu: 'VERIFIED',
      series: '1905',
      number: '123456',
      issueDate: '2010-04-20',
      issueId: '350-001',
      issuedBy: 'УФМС',
      citizenship: 'RUS',
    });
  });

  it('contacts: e-mails then phones, as EML and MBT, each once', () => {
    expect(
      contactsClaim([
        { type: 'phone', value: '+79990000001' },
        { type: 'email', value: 'a@example.ru' },
        { type: 'phone', value: '+79990000001' },
      ]),
    ).toEqual([
      { type: 'EML', vrfStu: 'VERIFIED', value: 'a@example.ru' },
      { type: 'MBT', vrfStu: 'VERIFIED', value: '+79990000001' },
    ]);
    expect(contactsClaim([])).toEqual([]);
  });

  it('usr_org: registered organizations only, with chief and admin from the roles', () => {
    const claim = usrOrgClaim([
      org({ roles: ['head', 'administrator', 'employee'] }),
      org({ id: 'org-2', oid: '1000000002', status: 'checking' }),
      org({ id: 'org-3', oid: '1000000003', status: 'rejected' }),
      org({ id: 'org-4', oid: '1000000004', roles: ['employee'] }),
    ]);
    expect(claim.map((o) => [o.oid, o.chief, o.admin])).toEqual([
      ['1000000001', true, true],
      ['1000000004', false, false],
    ]);
    expect(claim[0]).toMatchObject({ ogrn: '1027700000017', inn: '7700000001', shortName: 'ГУ «Центр»' });
  });

  it('acting_for: the organization with the groups in effect, none once not an employee or not registered', () => {
    expect(actingForClaim(org({ roles: ['administrator', 'employee'] }), ['tech_portal'])).toMatchObject({
      oid: '1000000001',
      admin: true,
      roles: ['administrator', 'employee'],
      groups: ['tech_portal'],
    });
    expect(actingForClaim(undefined, [])).toBeUndefined();
    expect(actingForClaim(org({ status: 'returned' }), [])).toBeUndefined();
  });
});

describe('a fresh sign-in for prompt=login and max_age', () => {
  const base = { reasons: [] as string[], requestedAt: 1000, maxAge: undefined, signedInAt: 900, now: 1005 };
  it('reuses the session when nothing asks for more', () => {
    expect(needsFreshSignIn(base)).toBe(false);
    expect(needsFreshSignIn({ ...base, reasons: ['no_session'] })).toBe(false);
  });
  it('prompt=login: only a sign-in made after the request does', () => {
    expect(needsFreshSignIn({ ...base, reasons: ['login_prompt'] })).toBe(true);
    expect(needsFreshSignIn({ ...base, reasons: ['login_prompt'], signedInAt: 1000 })).toBe(false);
    expect(needsFreshSignIn({ ...base, reasons: ['login_prompt'], signedInAt: 1003 })).toBe(false);
  });
  it('max_age: a sign-in no older than it', () => {
    expect(needsFreshSignIn({ ...base, maxAge: 105 })).toBe(false);
    expect(needsFreshSignIn({ ...base, maxAge: 104 })).toBe(true);
    expect(needsFreshSignIn({ ...base, maxAge: 0, signedInAt: 1005 })).toBe(false);
  });
});
