import {
  applicationContentSchema,
  applicationStatuses,
  ogrnWithChecksum,
  type ApplicationContent,
  type ApplicationStatus,
  type OrganizationApproval,
} from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { applicationDigest, canonicalApplication } from '../../../src/domain/application/canonical.js';
import { openingPlan, type PlanFacts } from '../../../src/domain/application/plan.js';
import {
  assertMayApply,
  assertOfOrganization,
  isEditable,
  isOpen,
  nextApplicationStatus,
  type ApplicationEvent,
} from '../../../src/domain/application/route.js';
import { allowedServices, approvalOpening } from '../../../src/domain/organization/approvals.js';
import { codeOf } from '../../support/errors.js';

const ogrn = ogrnWithChecksum('102350000001');
const content: ApplicationContent = applicationContentSchema.parse({
  organizationFullName: 'Бюджетное учреждение Вологодской области «МФЦ»',
  ogrn,
  organizationType: 'mfc',
  responsible: {
    accountId: '5d0f3a52-9a0e-4c43-8f52-7c0b7e0c2a11',
    lastName: 'Громова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    position: 'Директор',
    workPhone: '+7 (8172) 23-00-01',
    mobilePhone: '+7 921 000-00-01',
    email: 'Gromova@MFC35.ru',
  },
  signatory: {
    role: 'head',
    accountId: '8e7c1b0a-2f3d-4e5a-9b6c-7d8e9f0a1b2c',
    lastName: 'Соколов',
    firstName: 'Пётр',
    middleName: 'Ильич',
    position: 'Директор',
  },
});

describe('the content of Форма З and Форма И (seed 003, appendix 1)', () => {
  it('makes every field mandatory and checks the ОГРН', () => {
    const empty = applicationContentSchema.safeParse({
      organizationFullName: '',
      ogrn: '',
      organizationType: '',
      responsible: { lastName: '', firstName: '', position: '', workPhone: '', mobilePhone: '', email: '' },
      signatory: { role: '', lastName: '', firstName: '', position: '' },
    });
    expect(empty.success).toBe(false);
    const paths = empty.error!.issues.map((i) => i.path.join('.'));
    for (const field of [
      'organizationFullName',
      'ogrn',
      'organizationType',
      'responsible.lastName',
      'responsible.firstName',
      'responsible.position',
      'responsible.workPhone',
      'responsible.mobilePhone',
      'responsible.email',
      'signatory.role',
      'signatory.lastName',
      'signatory.position',
    ])
      expect(paths, field).toContain(field);
    const badOgrn = applicationContentSchema.safeParse({ ...content, ogrn: '1023500000010' });
    expect(badOgrn.error?.issues[0].message).toBe('ogrn.checksum');
    expect(content.responsible.email).toBe('gromova@mfc35.ru');
    expect(content.responsible.mobilePhone).toBe('+79210000001');
  });
});

describe('the route of an application', () => {
  const events: ApplicationEvent['kind'][] = [
    'submit',
    'regional_forward',
    'regional_return',
    'resubmit',
    'federal_approve',
    'federal_reject',
  ];
  const allowed: Partial<
    Record<ApplicationStatus, Partial<Record<ApplicationEvent['kind'], ApplicationStatus>>>
  > = {
    draft: { submit: 'submitted' },
    submitted: { regional_forward: 'forwarded', regional_return: 'returned' },
    returned: { resubmit: 'submitted' },
    forwarded: { federal_approve: 'approved', federal_reject: 'rejected' },
  };

  it.each(applicationStatuses)('from %s: only its own events apply', (status) => {
    for (const kind of events) {
      const expected = allowed[status]?.[kind];
      if (expected) expect(nextApplicationStatus(status, { kind })).toBe(expected);
      else
        expect(
          codeOf(() => nextApplicationStatus(status, { kind })),
          `${status} + ${kind}`,
        ).toBe('application.wrong_state');
    }
  });
});

describe('the statuses', () => {
  it('lets the organization edit a draft and a returned one; open ones are those on their way', () => {
    expect(applicationStatuses.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(applicationStatuses.filter(isOpen)).toEqual(['submitted', 'returned', 'forwarded']);
  });
});

describe('who may apply', () => {
  const org = (approvals: OrganizationApproval[], open: ('form_z' | 'form_i')[] = [], registered = true) => ({
    registered,
    approvals: new Set(approvals),
    openApplications: open,
  });

  it('refuses Форма И before Форма З is approved, a second open one, an approved one, an unregistered organization', () => {
    expect(codeOf(() => assertMayApply('form_z', org([])))).toBe('no error');
    expect(codeOf(() => assertMayApply('form_i', org([])))).toBe('application.form_z_required');
    expect(codeOf(() => assertMayApply('form_i', org(['form_z'])))).toBe('no error');
    expect(codeOf(() => assertMayApply('form_z', org([], ['form_z'])))).toBe('application.already_open');
    expect(codeOf(() => assertMayApply('form_z', org(['form_z'])))).toBe('application.already_approved');
    expect(codeOf(() => assertMayApply('form_z', org([], [], false)))).toBe(
      'application.organization_not_registered',
    );
  });

  it("refuses a form with another organization's ОГРН", () => {
    expect(codeOf(() => assertOfOrganization(content, { ogrn }))).toBe('no error');
    expect(codeOf(() => assertOfOrganization(content, { ogrn: ogrnWithChecksum('102350000002') }))).toBe(
      'application.ogrn_mismatch',
    );
  });
});

describe('the canonical form that is signed', () => {
  const application = {
    id: '0b9d6f2e-4f4c-4a59-9d1e-3c1f2b7a8e01',
    form: 'form_z' as const,
    version: 1,
    content,
  };

  it('is the same bytes for the same version, whatever the order of the keys', () => {
    const reordered = {
      ...application,
      content: {
        signatory: content.signatory,
        responsible: content.responsible,
        ogrn,
        organizationType: 'mfc' as const,
        organizationFullName: content.organizationFullName,
      },
    };
    expect(canonicalApplication(reordered)).toBe(canonicalApplication(application));
  });

  it('differs for another version, another application, another form or another field', () => {
    const base = applicationDigest(canonicalApplication(application));
    const variants = [
      { ...application, version: 2 },
      { ...application, id: '0b9d6f2e-4f4c-4a59-9d1e-3c1f2b7a8e02' },
      { ...application, form: 'form_i' as const },
      {
        ...application,
        content: { ...content, responsible: { ...content.responsible, position: 'Заместитель' } },
      },
    ];
    variants.push({
      ...application,
      content: { ...content, signatory: { ...content.signatory, role: 'deputy' } },
    });
    for (const v of variants) expect(applicationDigest(canonicalApplication(v))).not.toBe(base);
    // Fields cannot bleed into each other: moving a character between two fields changes the bytes.
    const shifted = {
      ...application,
      content: {
        ...content,
        responsible: { ...content.responsible, lastName: 'ГромоваА', firstName: 'нна' },
      },
    };
    expect(canonicalApplication(shifted)).not.toBe(canonicalApplication(application));
  });
});

describe('the effects of approvals, in one place', () => {
  it('opens the АРМ groups with their approvals', () => {
    expect(approvalOpening('tech_portal')).toBeNull();
    expect(approvalOpening('identity_specialists')).toBe('form_z');
    expect(approvalOpening('registration_specialists')).toBe('form_i');
  });

  it('allows the services of the approvals held, none while blocked, Форма И only with Форма З', () => {
    expect([...allowedServices({ approvals: new Set(), blocked: false })]).toEqual([]);
    expect([...allowedServices({ approvals: new Set(['form_z']), blocked: false })]).toEqual([
      'confirmation',
    ]);
    expect([...allowedServices({ approvals: new Set(['form_z', 'form_i']), blocked: false })].sort()).toEqual(
      ['confirmation', 'deletion', 'recovery', 'registration'],
    );
    expect([...allowedServices({ approvals: new Set(['form_i']), blocked: false })]).toEqual([]);
    expect([...allowedServices({ approvals: new Set(['form_z', 'form_i']), blocked: true })]).toEqual([]);
  });
});

describe('the opening plan (seed 004)', () => {
  const nothing: PlanFacts = {
    status: 'checking',
    registeredAt: null,
    technicalOfficials: 0,
    operators: 0,
    operatorsWithServiceCertificate: 0,
    formZApprovedAt: null,
    formIApprovedAt: null,
    firstActiveCenterAt: null,
    operatorsInWorkstationGroups: 0,
    operatorsAttachedToActiveCenters: 0,
    firstWorkstationSignInAt: null,
  };
  const day = (d: number) => new Date(Date.UTC(2026, 11, d));

  it('starts at registration with everything named as missing', () => {
    const plan = openingPlan(nothing);
    expect(plan.map((s) => s.state)).toEqual([
      'current',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(plan[1].missing).toEqual(['no_technical_official', 'no_operators']);
    expect(plan[5].missing).toEqual([
      'no_operator_in_workstation_groups',
      'no_operator_attached_to_center',
      'no_operator_signed_in_to_workstation',
    ]);
  });

  it('reaches each control event from the facts, with its date', () => {
    const plan = openingPlan({
      ...nothing,
      status: 'registered',
      registeredAt: day(1),
      technicalOfficials: 1,
      operators: 2,
      operatorsWithServiceCertificate: 0,
      formZApprovedAt: day(5),
    });
    expect(plan.map((s) => [s.step, s.state])).toEqual([
      ['registration', 'done'],
      ['officials', 'current'],
      ['form_z', 'done'],
      ['form_i', 'pending'],
      ['centers', 'pending'],
      ['workstations', 'pending'],
    ]);
    expect(plan[0].reachedAt).toEqual(day(1));
    expect(plan[1].missing).toEqual(['operators_without_service_certificate']);
    expect(plan[2].reachedAt).toEqual(day(5));

    const done = openingPlan({
      ...nothing,
      status: 'registered',
      registeredAt: day(1),
      technicalOfficials: 1,
      operators: 2,
      operatorsWithServiceCertificate: 2,
      formZApprovedAt: day(5),
      formIApprovedAt: day(9),
      firstActiveCenterAt: day(10),
      operatorsInWorkstationGroups: 2,
      operatorsAttachedToActiveCenters: 1,
      firstWorkstationSignInAt: day(12),
    });
    expect(done.every((s) => s.state === 'done' && s.missing.length === 0)).toBe(true);
    expect(done[5].reachedAt).toEqual(day(12));
  });

  it('takes a control event back when its facts are gone (a center no longer active)', () => {
    const plan = openingPlan({
      ...nothing,
      status: 'registered',
      registeredAt: day(1),
      firstActiveCenterAt: null,
    });
    expect(plan[4]).toEqual({
      step: 'centers',
      state: 'pending',
      reachedAt: null,
      missing: ['no_active_center'],
    });
  });
});
