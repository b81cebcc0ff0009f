import type { AccountLevel, WorkstationOperation } from '@openesia/contracts';
import { operatorRefusal } from '../workstation/operations.js';
import { AppError } from '../../lib/errors.js';
import type { Actor, ActorKind, OrganizationRole } from './actor.js';

/**
 * Every action a use-case performs, closed: a route or a service names one of these and nothing
 * else, so the table below (and its test, test/unit/policy.test.ts) is the whole access policy.
 * Actions of contexts not built yet (organizations, applications, centers, the operator's
 * workstation) are declared with their rules now, so those contexts only use them.
 */
export const actions = [
  // ---- public: anyone, signed in or not ----
  'health.read',
  'session.read',
  'account.register',
  'session.sign_in',
  'session.sign_out',
  'account.recover_password',
  /** sign-in needs nothing; confirming asks the use-case for citizen.confirm_by_signature */
  'signature.request_challenge',
  'signature.sign_in',
  'test_ca.download',
  /** anyone holding the revocation token, or the certificate's owner: the service checks which */
  'test_ca.revoke',
  // ---- the citizen's own account (seed 000, section 1) ----
  'citizen.read_profile',
  'citizen.read_personal_data',
  'citizen.update_personal_data',
  'citizen.read_confirmation',
  'citizen.order_post_letter',
  'citizen.enter_post_code',
  'citizen.confirm_by_signature',
  /** «Тестовый УЦ»: a key and certificate for one's own checked data (demo mode) */
  'citizen.issue_test_certificate',
  // ---- the federal operator's registry (63-ФЗ ст. 16) ----
  'trust_list.read',
  'trust_list.manage',
  /** «Региональные операторы»: the regional operators' staff, and who grants and revokes the role */
  'regional_staff.read',
  'regional_staff.manage',
  // ---- the server's console and jobs ----
  'role.grant',
  // ---- OpenID Connect (issue 13) ----
  /** a step of a sign-in to a relying party: bound to the browser by the provider's cookie */
  'oidc.interaction',
  /** the citizen gives a system access to their data (consent screen) */
  'oidc.give_consent',
  /** «Предоставленные разрешения»: the citizen's consents, and their withdrawal */
  'oidc.read_consents',
  'oidc.withdraw_consent',
  /** register, approve or block a relying party (the federal operator's registry) */
  'oidc_client.manage',
  /** «Информационные системы» of the organization: the group «Технологический портал» */
  'oidc_client.read',
  'oidc_client.register',
  /** every organization's systems, and «Одобрить» / «Заблокировать» / unblock */
  'oidc_client.list_federal',
  'oidc_client.decide_federal',
  // ---- developer / demo (the services refuse outside demo mode) ----
  'demo.read_accounts',
  'dev.read_outbox',
  // ---- next contexts: organizations, applications, centers, the operator's workstation ----
  /** the person's own organizations (the personal page) and the session's choice to act for one */
  'organization.list_own',
  'session.act_for_organization',
  'organization.register',
  'organization.read',
  'organization.invite_employee',
  /** «Сотрудники»: remove an employee (the head and administrators) */
  'organization.manage_members',
  /** «Администраторы»: make an employee an administrator or take it back (the head alone) */
  'organization.set_administrator',
  /** an employee leaves the organization of their own accord */
  'organization.leave',
  /** «Доступ к системам»: add and remove group members, suggestions as one types */
  'organization.manage_access',
  /** the organization's own journal of who did what */
  'organization.read_journal',
  /** the invited person opens and accepts the link (their own account) */
  'organization.accept_invitation',
  /** the organization's contacts (PATCH /organization) and «Обновить из ЕГРЮЛ» */
  'organization.update',
  'organization.refresh',
  /** the head, from the personal page: a returned registration corrected, a failed check again */
  'organization.resubmit',
  /** the regional operator's queue of registrations (seed 004, step 1.4) and its decision */
  'organization.list_regional',
  'organization.decide_regional',
  /** «Тестовый УЦ»: a legal entity's certificate for its head (demo mode) */
  'citizen.issue_legal_entity_certificate',
  /** the demo heads' legal-entity certificates, with the PIN the home page shows (demo mode) */
  'demo.download_head_certificate',
  /** the organization's «Заявки»: any employee reads them (the deputy who signs may be no manager) */
  'application.read',
  /** start, edit, print and send an application (the head and administrators) */
  'application.submit',
  /** sign one with a qualified certificate: the use-case checks the signer is the one the form names */
  'application.sign',
  /** the operators' queues and the applications in them */
  'application.list_regional',
  'application.list_federal',
  'application.decide_regional',
  'application.decide_federal',
  /** «План открытия ЦО» (seed 004): any employee reads the organization's own */
  'opening_plan.read',
  /** the region's table of every organization's plan, its XLSX, one organization's plan */
  'opening_plan.read_regional',
  /** the region's deadline (the governor's order), set by the region's operator */
  'opening_plan.set_deadline',
  /** every region's summary, and any region's table and organization */
  'opening_plan.read_federal',
  // ---- service centers (issue 11): the technological portal, the public map, the report ----
  /** «Центры обслуживания» of the organization: the group «Технологический портал» */
  'center.read',
  /** «Добавить центр обслуживания», «Редактировать», the status, the operators */
  'center.manage',
  /** the public map (/public/ra): anyone, signed in or not */
  'center.read_public',
  /** the report on centers and their data quality: the region's, or every region's */
  'center.report_regional',
  'center.report_federal',
  'audit.read',
  // ---- АРМ «Центр обслуживания» (issue 12) ----
  /** the workstation's sign-in by qualified signature, its session and sign-out */
  'workstation.sign_in',
  'workstation.read_session',
  /** «Выберите центр обслуживания», and «Условия использования ЕСИА» accepted once */
  'workstation.choose_center',
  'workstation.accept_terms',
  /** search first (seed 003, appendix 2): at a chosen center, the terms accepted */
  'workstation.search',
  /** an operation's state and its documents (the application, the consent, the receipt) */
  'workstation.read_operation',
  /** the operations: the center offers the service and a group of the operator grants it */
  'workstation.register',
  'workstation.upgrade',
  'workstation.confirm',
  'workstation.reconfirm',
  'workstation.recover',
  'workstation.delete',
  'workstation.add_child',
  /** the journal: the organization's (the use-case asks for a manager or the responsible person), the region's, all */
  'workstation.journal_organization',
  'workstation.journal_regional',
  'workstation.journal_federal',
  /** the citizen's children, added at a center, in the profile */
  'citizen.read_children',
  /** the first sign-in after a temporary password issued in person: a new password */
  'citizen.change_temporary_password',
  // ---- complaints about service centers, and blocking an issuer (issue 10, item 5) ----
  /** «Пожаловаться на центр обслуживания», and the list of organizations a complaint may name */
  'complaint.submit',
  /** the organization's «Жалобы»: the use-case also asks for the head, an administrator or the responsible person */
  'complaint.read',
  'complaint.answer',
  /** the operators' lists of complaints: the region's, or every one */
  'complaint.list_regional',
  'complaint.list_federal',
  /** the federal operator's organizations, and blocking one as an issuer of simple signatures */
  'organization.list_federal',
  'organization.block',
  /** take back the status an approval gave (Форма З, Форма И) */
  'organization.revoke_approval',
] as const;
export type Action = (typeof actions)[number];

/** What an action is done to, when it matters: an account, an organization, a region. */
export interface Resource {
  accountId?: string;
  organizationId?: string;
  regionCode?: string;
}

/** The refusal codes of a decision; the HTTP statuses are contracts/errors.ts's (401, 403, 409). */
export type Refusal =
  | 'auth.required'
  | 'auth.forbidden'
  | 'account.level_too_low'
  | 'workstation.center_required'
  | 'workstation.terms_required'
  | 'workstation.service_not_offered'
  | 'workstation.group_lacks_operation';
export type Decision = { allowed: true } | { allowed: false; code: Refusal };

const allow: Decision = Object.freeze({ allowed: true });
const refuse = (code: Refusal): Decision => ({ allowed: false, code });
/** Anonymous is asked to sign in; anyone else signed in is simply not allowed. */
const notFor = (actor: Actor): Decision =>
  refuse(actor.kind === 'anonymous' ? 'auth.required' : 'auth.forbidden');

const levelRank: Record<AccountLevel, number> = { simplified: 0, standard: 1, confirmed: 2 };
const managers: readonly OrganizationRole[] = ['head', 'administrator'];

type Rule = (actor: Actor, resource: Resource | undefined) => Decision;

/**
 * A rule checks the actor's kind, and the resource when one is given. A router's hook decides
 * before the body is read, with no resource (is this kind of actor allowed this action at all?);
 * the use-case decides again with the resource it loaded (is it this actor's own?).
 */
const anyone: Rule = () => allow;

/** A citizen on their own account; the system (seed, jobs) on any. */
function ownAccount(minLevel: AccountLevel = 'simplified'): Rule {
  return (actor, resource) => {
    if (actor.kind === 'system') return allow;
    if (actor.kind !== 'citizen') return notFor(actor);
    if (resource?.accountId !== undefined && resource.accountId !== actor.accountId)
      return refuse('auth.forbidden');
    if (levelRank[actor.level] < levelRank[minLevel]) return refuse('account.level_too_low');
    return allow;
  };
}

function only(...kinds: ActorKind[]): Rule {
  return (actor) => (kinds.includes(actor.kind) ? allow : notFor(actor));
}

/** A person acting for the resource's organization, holding one of `roles` there (any, if none). */
function member(...roles: OrganizationRole[]): Rule {
  return (actor, resource) => {
    if (actor.kind !== 'organization_member') return notFor(actor);
    if (resource?.organizationId !== undefined && resource.organizationId !== actor.organizationId)
      return refuse('auth.forbidden');
    if (roles.length && !actor.roles.some((r) => roles.includes(r))) return refuse('auth.forbidden');
    return allow;
  };
}

/**
 * A person acting for the resource's organization and in `group` there now (the actor carries only
 * the groups in effect: none while the organization is blocked or the approval revoked).
 */
function inGroup(group: string): Rule {
  return (actor, resource) => {
    if (actor.kind !== 'organization_member') return notFor(actor);
    if (resource?.organizationId !== undefined && resource.organizationId !== actor.organizationId)
      return refuse('auth.forbidden');
    return actor.groups.includes(group) ? allow : refuse('auth.forbidden');
  };
}

/** A regional operator of the resource's region. */
const ownRegion: Rule = (actor, resource) => {
  if (actor.kind !== 'regional_operator') return notFor(actor);
  if (resource?.regionCode !== undefined && resource.regionCode !== actor.regionCode)
    return refuse('auth.forbidden');
  return allow;
};

/**
 * An operator of the workstation at a chosen center, the terms accepted; for an operation, the
 * center offers its service and a group grants it (domain/workstation/operations.ts).
 */
function atCenter(operation?: WorkstationOperation): Rule {
  return (actor) => {
    if (actor.kind !== 'workstation_operator') return notFor(actor);
    if (!actor.centerId) return refuse('workstation.center_required');
    if (!actor.termsAccepted) return refuse('workstation.terms_required');
    if (!operation) return allow;
    const refusal = operatorRefusal({ groups: actor.groups, services: new Set(actor.services) }, operation);
    if (refusal === 'service_not_offered') return refuse('workstation.service_not_offered');
    if (refusal === 'group') return refuse('workstation.group_lacks_operation');
    return allow;
  };
}

/** Allowed when any rule allows; otherwise sign in (anonymous) or forbidden. */
function either(...alternatives: Rule[]): Rule {
  return (actor, resource) =>
    alternatives.map((rule) => rule(actor, resource)).find((d) => d.allowed) ?? notFor(actor);
}

const rules: Record<Action, Rule> = {
  'health.read': anyone,
  'session.read': anyone,
  'account.register': anyone,
  'session.sign_in': anyone,
  'session.sign_out': anyone,
  'account.recover_password': anyone,
  'signature.request_challenge': anyone,
  'signature.sign_in': anyone,
  'test_ca.download': anyone,
  'test_ca.revoke': anyone,

  'citizen.read_profile': ownAccount(),
  'citizen.read_personal_data': ownAccount(),
  'citizen.update_personal_data': ownAccount(),
  'citizen.read_confirmation': ownAccount(),
  // The level rules of these stay in the use-cases, with their own codes and order of checks.
  'citizen.order_post_letter': ownAccount(),
  'citizen.enter_post_code': ownAccount(),
  'citizen.confirm_by_signature': ownAccount(),
  'citizen.issue_test_certificate': ownAccount(),

  'trust_list.read': only('federal_operator'),
  'trust_list.manage': only('federal_operator'),
  // The console grants and revokes it too (cli.ts grant-role, as the system).
  'regional_staff.read': only('federal_operator'),
  'regional_staff.manage': only('federal_operator', 'system'),

  'role.grant': only('system'),

  'oidc.interaction': anyone,
  'oidc.give_consent': ownAccount(),
  'oidc.read_consents': ownAccount(),
  'oidc.withdraw_consent': ownAccount(),
  // The console and the demo seed; organizations register theirs on the technological portal.
  'oidc_client.manage': only('federal_operator', 'system'),
  'oidc_client.read': inGroup('tech_portal'),
  'oidc_client.register': inGroup('tech_portal'),
  'oidc_client.list_federal': only('federal_operator'),
  'oidc_client.decide_federal': only('federal_operator'),

  'demo.read_accounts': anyone,
  'dev.read_outbox': anyone,

  // Only a confirmed account may register an organization (seed 000: the head signs with a
  // qualified signature and must be confirmed).
  'organization.list_own': ownAccount(),
  // Membership of the chosen organization is the use-case's check (it reads the membership).
  'session.act_for_organization': ownAccount(),
  'organization.register': ownAccount('confirmed'),
  'organization.read': member(),
  'organization.invite_employee': member(...managers),
  'organization.manage_members': member(...managers),
  'organization.set_administrator': member('head'),
  'organization.leave': member(),
  'organization.manage_access': member(...managers),
  'organization.read_journal': member(...managers),
  // The level and the name are the use-case's checks, with their own codes (invitation.*).
  'organization.accept_invitation': ownAccount(),
  'organization.update': member(...managers),
  'organization.refresh': member(...managers),
  // Being the head of that registration is the use-case's check.
  'organization.resubmit': ownAccount('confirmed'),
  'organization.list_regional': ownRegion,
  'organization.decide_regional': ownRegion,
  'citizen.issue_legal_entity_certificate': ownAccount('confirmed'),
  'demo.download_head_certificate': anyone,
  'application.read': member(),
  'application.submit': member(...managers),
  'application.sign': member(),
  'application.list_regional': ownRegion,
  'application.list_federal': only('federal_operator'),
  'application.decide_regional': ownRegion,
  'application.decide_federal': only('federal_operator'),
  'opening_plan.read': member(),
  'opening_plan.read_regional': ownRegion,
  'opening_plan.set_deadline': ownRegion,
  'opening_plan.read_federal': only('federal_operator'),
  'center.read': inGroup('tech_portal'),
  'center.manage': inGroup('tech_portal'),
  'center.read_public': anyone,
  'center.report_regional': ownRegion,
  'center.report_federal': only('federal_operator'),
  'workstation.sign_in': anyone,
  'workstation.read_session': anyone,
  'workstation.choose_center': only('workstation_operator'),
  'workstation.accept_terms': only('workstation_operator'),
  'workstation.search': atCenter(),
  'workstation.read_operation': atCenter(),
  'workstation.register': atCenter('registration'),
  'workstation.upgrade': atCenter('upgrade'),
  'workstation.confirm': atCenter('confirmation'),
  'workstation.reconfirm': atCenter('reconfirmation'),
  'workstation.recover': atCenter('recovery'),
  'workstation.delete': atCenter('deletion'),
  'workstation.add_child': atCenter('add_child'),
  // Any employee here; the use-case asks for the head, an administrator or the responsible person.
  'workstation.journal_organization': member(),
  'workstation.journal_regional': ownRegion,
  'workstation.journal_federal': only('federal_operator'),
  'citizen.read_children': ownAccount(),
  'citizen.change_temporary_password': ownAccount(),
  'audit.read': either(only('federal_operator'), ownRegion, member('head')),
  // Anonymous complaints are allowed (seed 003 names no author); a signed-in citizen's account is kept.
  'complaint.submit': anyone,
  // Any employee here; the responsible person need hold no role, so the use-case decides who of them.
  'complaint.read': member(),
  'complaint.answer': member(),
  'complaint.list_regional': ownRegion,
  'complaint.list_federal': only('federal_operator'),
  'organization.list_federal': only('federal_operator'),
  'organization.block': only('federal_operator'),
  'organization.revoke_approval': only('federal_operator'),
};

/** May `actor` do `action` (to `resource`, when given)? Pure: the whole policy is the table above. */
export function decide(actor: Actor, action: Action, resource?: Resource): Decision {
  return rules[action](actor, resource);
}

/** The first line of a use-case: the decision, or its refusal as an AppError (401/403). */
export function assertAllowed(actor: Actor, action: Action, resource?: Resource): void {
  const decision = decide(actor, action, resource);
  if (!decision.allowed) throw new AppError(decision.code);
}
