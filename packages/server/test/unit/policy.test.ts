import { describe, expect, it } from 'vitest';
import {
  actorKinds,
  anonymous,
  systemActor,
  type Actor,
  type ActorKind,
} from '../../src/domain/policy/actor.js';
import {
  actions,
  assertAllowed,
  decide,
  type Action,
  type Decision,
  type Refusal,
} from '../../src/domain/policy/policy.js';

const citizenId = '00000000-0000-4000-8000-000000000001';
const orgId = '00000000-0000-4000-8000-0000000000a1';

/** One actor of each kind, as the audiences' hooks resolve them. */
const actorsByKind: Record<ActorKind, Actor> = {
  anonymous,
  citizen: { kind: 'citizen', accountId: citizenId, level: 'standard' },
  organization_member: {
    kind: 'organization_member',
    personId: citizenId,
    organizationId: orgId,
    roles: ['administrator'],
    groups: [],
  },
  regional_operator: { kind: 'regional_operator', accountId: citizenId, regionCode: '77' },
  federal_operator: { kind: 'federal_operator', accountId: citizenId },
  // at a center that offers confirmation only, in «Специалисты по подтверждению личности»
  workstation_operator: {
    kind: 'workstation_operator',
    accountId: citizenId,
    organizationId: orgId,
    regionCode: '77',
    groups: ['identity_specialists'],
    centerId: '00000000-0000-4000-8000-0000000000c1',
    services: ['confirmation'],
    termsAccepted: true,
    sessionTokenHash: 'hash',
    certificateThumbprint: 'AB',
  },
  system: systemActor('test'),
};

type Expected = 'allow' | Refusal;
type Row = [
  anonymous: Expected,
  citizen: Expected,
  member: Expected,
  regional: Expected,
  federal: Expected,
  workstation: Expected,
  system: Expected,
];

const everyone: Row = ['allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'];
const ownAccount: Row = [
  'auth.required',
  'allow',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'allow',
];
const nobodyButTheGroup: Row = [
  'auth.required',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
];
const federalOnly: Row = [
  'auth.required',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'allow',
  'auth.forbidden',
  'auth.forbidden',
];
const memberOnly: Row = [
  'auth.required',
  'auth.forbidden',
  'allow',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
];
const regionalOnly: Row = [
  'auth.required',
  'auth.forbidden',
  'auth.forbidden',
  'allow',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
];

const workstationOnly: Row = [
  'auth.required',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'allow',
  'auth.forbidden',
];
const atCenterRefused = (code: Refusal): Row => [
  'auth.required',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  'auth.forbidden',
  code,
  'auth.forbidden',
];

/** The whole policy, action by action, for each kind of actor (no resource: a router's hook). */
const table: Record<Action, Row> = {
  'health.read': everyone,
  'session.read': everyone,
  'account.register': everyone,
  'session.sign_in': everyone,
  'session.sign_out': everyone,
  'account.recover_password': everyone,
  'signature.request_challenge': everyone,
  'signature.sign_in': everyone,
  'test_ca.download': everyone,
  'test_ca.revoke': everyone,
  'citizen.read_profile': ownAccount,
  'citizen.read_personal_data': ownAccount,
  'citizen.update_personal_data': ownAccount,
  'citizen.read_confirmation': ownAccount,
  'citizen.order_post_letter': ownAccount,
  'citizen.enter_post_code': ownAccount,
  'citizen.confirm_by_signature': ownAccount,
  'citizen.issue_test_certificate': ownAccount,
  'trust_list.read': federalOnly,
  'trust_list.manage': federalOnly,
  'regional_staff.read': federalOnly,
  // the console grants and revokes «Региональный оператор» too
  'regional_staff.manage': [
    'auth.required',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
    'auth.forbidden',
    'allow',
  ],
  'role.grant': [
    'auth.required',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
  ],
  'oidc.interaction': everyone,
  'oidc.give_consent': ownAccount,
  'oidc.read_consents': ownAccount,
  'oidc.withdraw_consent': ownAccount,
  'oidc_client.manage': [
    'auth.required',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
    'auth.forbidden',
    'allow',
  ],
  'oidc_client.read': nobodyButTheGroup,
  'oidc_client.register': nobodyButTheGroup,
  'oidc_client.list_federal': federalOnly,
  'oidc_client.decide_federal': federalOnly,
  'demo.read_accounts': everyone,
  'dev.read_outbox': everyone,
  'organization.list_own': ownAccount,
  'session.act_for_organization': ownAccount,
  // the sample citizen is standard: registering an organization needs a confirmed account
  'organization.register': [
    'auth.required',
    'account.level_too_low',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
  ],
  'organization.read': memberOnly,
  'organization.invite_employee': memberOnly,
  'organization.manage_members': memberOnly,
  // the sample member is an administrator: only the head makes administrators
  'organization.set_administrator': [
    'auth.required',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
  ],
  'organization.leave': memberOnly,
  'organization.manage_access': memberOnly,
  'organization.read_journal': memberOnly,
  'organization.accept_invitation': ownAccount,
  'organization.update': memberOnly,
  'organization.refresh': memberOnly,
  'organization.resubmit': [
    'auth.required',
    'account.level_too_low',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
  ],
  'organization.list_regional': regionalOnly,
  'organization.decide_regional': regionalOnly,
  'citizen.issue_legal_entity_certificate': [
    'auth.required',
    'account.level_too_low',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
  ],
  'demo.download_head_certificate': everyone,
  'application.read': memberOnly,
  'application.submit': memberOnly,
  'application.sign': memberOnly,
  'application.list_regional': regionalOnly,
  'application.list_federal': federalOnly,
  'application.decide_regional': regionalOnly,
  'application.decide_federal': federalOnly,
  'opening_plan.read': memberOnly,
  'opening_plan.read_regional': regionalOnly,
  'opening_plan.set_deadline': regionalOnly,
  'opening_plan.read_federal': federalOnly,
  // the sample member is in no group: «Технологический портал» is the group's, whatever the roles
  'center.read': nobodyButTheGroup,
  'center.manage': nobodyButTheGroup,
  'center.read_public': everyone,
  'center.report_regional': regionalOnly,
  'center.report_federal': federalOnly,
  // the sample member is an administrator: only the head reads the organization's journal
  'audit.read': [
    'auth.required',
    'auth.forbidden',
    'auth.forbidden',
    'allow',
    'allow',
    'auth.forbidden',
    'auth.forbidden',
  ],
  'complaint.submit': everyone,
  'complaint.read': memberOnly,
  'complaint.answer': memberOnly,
  'complaint.list_regional': regionalOnly,
  'complaint.list_federal': federalOnly,
  'organization.list_federal': federalOnly,
  'organization.block': federalOnly,
  'organization.revoke_approval': federalOnly,
  'workstation.sign_in': everyone,
  'workstation.read_session': everyone,
  'workstation.choose_center': workstationOnly,
  'workstation.accept_terms': workstationOnly,
  'workstation.search': workstationOnly,
  'workstation.read_operation': workstationOnly,
  // the sample center offers «Подтверждение» only, the sample group grants confirmations only
  'workstation.register': atCenterRefused('workstation.service_not_offered'),
  'workstation.upgrade': atCenterRefused('workstation.service_not_offered'),
  'workstation.confirm': workstationOnly,
  'workstation.reconfirm': workstationOnly,
  'workstation.recover': atCenterRefused('workstation.service_not_offered'),
  'workstation.delete': atCenterRefused('workstation.service_not_offered'),
  'workstation.add_child': atCenterRefused('workstation.service_not_offered'),
  'workstation.journal_organization': memberOnly,
  'workstation.journal_regional': regionalOnly,
  'workstation.journal_federal': federalOnly,
  'citizen.read_children': ownAccount,
  'citizen.change_temporary_password': ownAccount,
};

function verdict(d: Decision): Expected {
  return d.allowed ? 'allow' : d.code;
}

describe('decide', () => {
  it('has a row for every action and a column for every kind of actor', () => {
    expect(Object.keys(table).sort()).toEqual([...actions].sort());
    expect(Object.keys(actorsByKind)).toEqual([...actorKinds]);
  });

  const cases = actions.flatMap((action) =>
    actorKinds.map((kind, i) => ({ action, kind, expected: table[action][i]! })),
  );
  it.each(cases)('answers $expected to $kind for $action', ({ action, kind, expected }) => {
    expect(verdict(decide(actorsByKind[kind], action))).toBe(expected);
  });

  it("refuses a citizen another person's account", () => {
    const sut = actorsByKind.citizen;
    expect(verdict(decide(sut, 'citizen.read_personal_data', { accountId: citizenId }))).toBe('allow');
    for (const action of actions.filter((a) => a.startsWith('citizen.')))
      expect(verdict(decide(sut, action, { accountId: orgId })), action).toBe('auth.forbidden');
  });

  it('lets a confirmed citizen register an organization', () => {
    const sut: Actor = { kind: 'citizen', accountId: citizenId, level: 'confirmed' };
    expect(verdict(decide(sut, 'organization.register'))).toBe('allow');
    expect(verdict(decide({ ...sut, level: 'simplified' }, 'organization.register'))).toBe(
      'account.level_too_low',
    );
  });

  it("refuses a member another organization's resources", () => {
    const sut = actorsByKind.organization_member;
    expect(verdict(decide(sut, 'application.submit', { organizationId: orgId }))).toBe('allow');
    expect(verdict(decide(sut, 'application.submit', { organizationId: citizenId }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'organization.read', { organizationId: citizenId }))).toBe('auth.forbidden');
  });

  it('lets only the head or an administrator act for the organization', () => {
    const employee: Actor = {
      ...(actorsByKind.organization_member as Extract<Actor, { kind: 'organization_member' }>),
      roles: ['employee'],
    };
    const head: Actor = { ...employee, roles: ['head'] };
    for (const action of [
      'organization.invite_employee',
      'organization.manage_members',
      'organization.manage_access',
      'organization.read_journal',
      'organization.set_administrator',
      'application.submit',
    ] as const) {
      expect(verdict(decide(employee, action)), action).toBe('auth.forbidden');
      expect(verdict(decide(head, action)), action).toBe('allow');
    }
    expect(verdict(decide(employee, 'organization.read'))).toBe('allow');
    expect(verdict(decide(employee, 'organization.leave'))).toBe('allow');
    const administrator: Actor = { ...employee, roles: ['administrator', 'employee'] };
    expect(verdict(decide(administrator, 'organization.set_administrator'))).toBe('auth.forbidden');
    expect(verdict(decide(administrator, 'organization.manage_members'))).toBe('allow');
    expect(verdict(decide(head, 'audit.read', { organizationId: orgId }))).toBe('allow');
    expect(verdict(decide(head, 'audit.read', { organizationId: citizenId }))).toBe('auth.forbidden');
  });

  it("lets a member of «Технологический портал» manage its own organization's centers, and no other's", () => {
    const officer: Actor = {
      ...(actorsByKind.organization_member as Extract<Actor, { kind: 'organization_member' }>),
      roles: ['employee'],
      groups: ['tech_portal'],
    };
    const head: Actor = { ...officer, roles: ['head'], groups: ['identity_specialists'] };
    for (const action of [
      'center.read',
      'center.manage',
      'oidc_client.read',
      'oidc_client.register',
    ] as const) {
      expect(verdict(decide(officer, action, { organizationId: orgId })), action).toBe('allow');
      expect(verdict(decide(officer, action, { organizationId: citizenId })), action).toBe('auth.forbidden');
      expect(verdict(decide(head, action, { organizationId: orgId })), action).toBe('auth.forbidden');
    }
  });

  it("refuses a regional operator another region's applications and journal", () => {
    const sut = actorsByKind.regional_operator;
    expect(verdict(decide(sut, 'application.decide_regional', { regionCode: '77' }))).toBe('allow');
    expect(verdict(decide(sut, 'application.decide_regional', { regionCode: '78' }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'workstation.journal_regional', { regionCode: '78' }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'audit.read', { regionCode: '78' }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'opening_plan.read_regional', { regionCode: '77' }))).toBe('allow');
    expect(verdict(decide(sut, 'opening_plan.read_regional', { regionCode: '78' }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'opening_plan.set_deadline', { regionCode: '78' }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'complaint.list_regional', { regionCode: '77' }))).toBe('allow');
    expect(verdict(decide(sut, 'complaint.list_regional', { regionCode: '78' }))).toBe('auth.forbidden');
  });

  it("lets every employee read the organization's own opening plan, and no other's", () => {
    const employee: Actor = {
      ...(actorsByKind.organization_member as Extract<Actor, { kind: 'organization_member' }>),
      roles: ['employee'],
    };
    expect(verdict(decide(employee, 'opening_plan.read', { organizationId: orgId }))).toBe('allow');
    expect(verdict(decide(employee, 'opening_plan.read', { organizationId: citizenId }))).toBe(
      'auth.forbidden',
    );
  });

  it("refuses a member another organization's complaints", () => {
    const sut = actorsByKind.organization_member;
    expect(verdict(decide(sut, 'complaint.answer', { organizationId: orgId }))).toBe('allow');
    expect(verdict(decide(sut, 'complaint.answer', { organizationId: citizenId }))).toBe('auth.forbidden');
    expect(verdict(decide(sut, 'complaint.read', { organizationId: citizenId }))).toBe('auth.forbidden');
  });
});

describe('assertAllowed', () => {
  it('throws the refusal as an AppError with its code', () => {
    expect(() => assertAllowed(anonymous, 'citizen.read_profile')).toThrow(
      expect.objectContaining({ code: 'auth.required' }),
    );
    expect(() => assertAllowed(actorsByKind.citizen, 'trust_list.manage')).toThrow(
      expect.objectContaining({ code: 'auth.forbidden' }),
    );
    expect(() => assertAllowed(actorsByKind.federal_operator, 'trust_list.manage')).not.toThrow();
  });
});
