import { accountLevelSchema, searchKeyKinds, workstationOperations } from '@openesia/contracts';
import { z } from 'zod';
import type { Actor } from '../domain/policy/actor.js';

/**
 * Every event the audit log can hold, each with the schema of its `data` (Documenso's typed audit
 * union). appendAudit's entry is typed by these schemas, so every call site writes what its
 * event says, and the reader (audit/reader.ts) parses what it reads with the same schema, so a
 * screen or an export knows exactly what each entry carries. A new event is a new key here.
 */
const loginKind = z.enum(['phone', 'email', 'snils']);
const channel = z.enum(['phone', 'email']);
const id = z.string().min(1);

export const auditEventSchemas = {
  'citizen.registered': z.strictObject({ channel, level: z.literal('simplified') }),
  'citizen.login_succeeded': z.strictObject({ method: z.literal('password'), loginKind }),
  'citizen.login_failed': z.strictObject({
    reason: z.enum(['wrong_password', 'unknown_login']),
    loginKind,
    failures: z.number().int().nonnegative(),
  }),
  'citizen.locked_out': z.strictObject({ loginKind, until: z.iso.datetime() }),
  'citizen.logged_out': z.strictObject({}),
  'citizen.password_recovered': z.strictObject({ channel }),
  'citizen.personal_data_submitted': z.strictObject({
    revision: z.number().int(),
    previousLevel: accountLevelSchema,
    cancelledLetterId: id.optional(),
  }),
  'citizen.personal_data_verified': z.strictObject({
    revision: z.number().int(),
    level: accountLevelSchema,
    reasons: z.array(z.string()),
  }),
  'citizen.inn_lookup_completed': z.strictObject({
    revision: z.number().int(),
    result: z.enum(['found', 'not_found', 'unavailable']),
  }),
  'citizen.personal_data_rejected': z.strictObject({
    revision: z.number().int(),
    level: accountLevelSchema,
    reasons: z.array(z.string()),
  }),
  'citizen.post_letter_ordered': z.strictObject({ letterId: id }),
  'citizen.post_code_failed': z.strictObject({
    letterId: id,
    attempts: z.number().int().nonnegative(),
    voided: z.boolean(),
  }),
  'citizen.post_letter_cancelled': z.strictObject({
    letterId: id,
    reason: z.literal('personal_data_changed'),
  }),
  'citizen.snils_taken_refused': z.strictObject({ holderId: id.nullable() }),
  'citizen.confirmed': z.strictObject({
    method: z.enum(['post', 'service_center', 'signature']),
    /** by letter */
    letterId: id.optional(),
    /** by signature: the certificate's serial number and issuer */
    certificate: z.string().optional(),
    issuer: z.string().optional(),
    /** the demo seed */
    seed: z.literal(true).optional(),
    /** at a service center: the workstation's operation, center and operator's certificate */
    operationId: id.optional(),
    centerId: id.optional(),
  }),
  'signature.login_succeeded': z.strictObject({ certificate: z.string(), issuer: z.string() }),
  'signature.login_failed': z.strictObject({ reason: z.string() }),
  'signature.confirmation_failed': z.strictObject({ reason: z.string() }),
  'trust.root_added': z.strictObject({
    thumbprint: z.string(),
    name: z.string(),
    reactivated: z.boolean().optional(),
  }),
  'trust.root_removed': z.strictObject({ thumbprint: z.string(), name: z.string() }),
  'trust.list_imported': z.strictObject({
    added: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
  /**
   * a staff role given or taken back (subjectId: the person): by the console, the demo seed, or the
   * federal operator on the registry's page; «Региональный оператор» names its region and grant
   */
  'account.role_granted': z.strictObject({
    role: z.string(),
    via: z.enum(['cli', 'seed', 'registry']),
    regionCode: z.string().optional(),
    grantId: id.optional(),
  }),
  'account.role_revoked': z.strictObject({
    role: z.string(),
    via: z.enum(['cli', 'seed', 'registry']),
    regionCode: z.string().optional(),
    grantId: id.optional(),
  }),
  'oidc.client_registered': z.strictObject({
    clientId: z.string(),
    name: z.string(),
    authMethod: z.string(),
    redirectUris: z.array(z.string()),
    scopes: z.array(z.string()),
    /** ESIA's client_certificate_hash of the system's certificate, when it has one */
    certificateHash: z.string().nullable().optional(),
    // absent in entries written before the registry kept them (issue 13: claims)
    grantTypes: z.array(z.string()).optional(),
    backchannelLogoutUri: z.string().nullable().optional(),
    /** «только подтверждённые учётные записи» (ESIA-007055 for anyone else) */
    confirmedOnly: z.boolean().optional(),
    via: z.enum(['cli', 'seed', 'api']),
  }),
  'oidc.client_status_changed': z.strictObject({
    clientId: z.string(),
    from: z.enum(['pending', 'approved', 'blocked']),
    to: z.enum(['pending', 'approved', 'blocked']),
    /** the registry's page: the system's name, and the reason of a blocking */
    name: z.string().optional(),
    reason: z.string().optional(),
  }),
  'oidc.consent_given': z.strictObject({ clientId: z.string(), scopes: z.array(z.string()) }),
  'oidc.consent_withdrawn': z.strictObject({ clientId: z.string() }),
  /** an ESIA authorization code used a second time: the tokens it gave are revoked (RFC 6749 §4.1.2) */
  'esia.code_reused': z.strictObject({ clientId: z.string(), revoked: z.number().int() }),
  /** /idp/ext/Logout: the ESIA tokens of the browser's sign-in session revoked */
  'esia.logout': z.strictObject({ clientId: z.string(), revoked: z.number().int() }),
  'oidc.signing_key_created': z.strictObject({
    kid: z.string(),
    alg: z.string(),
    activatesAt: z.iso.datetime(),
  }),
  'test_ca.certificate_issued': z.strictObject({ serialNumber: z.string(), algorithm: z.string() }),
  'test_ca.certificate_revoked': z.union([
    /** one certificate, by its owner, its token or the CLI */
    z.strictObject({ serialNumber: z.string(), reason: z.string() }),
    /** every certificate of a СНИЛС another account proved its own */
    z.strictObject({ serialNumbers: z.array(z.string()), reason: z.string(), cause: z.string() }),
  ]),
  /** «Войти как сотрудник организации» / «Частное лицо» in a session (null: for oneself) */
  'session.acting_for_chosen': z.strictObject({ organizationId: id.nullable() }),
  // ---- an organization's employees, invitations and access (subjectId: the person or invitation) ----
  'organization.member_removed': z.strictObject({}),
  'organization.member_left': z.strictObject({}),
  'organization.administrator_set': z.strictObject({ administrator: z.boolean() }),
  'organization.invitation_sent': z.strictObject({
    lastName: z.string(),
    firstName: z.string(),
    groups: z.array(z.string()),
  }),
  'organization.invitation_resent': z.strictObject({ lastName: z.string(), firstName: z.string() }),
  'organization.invitation_revoked': z.strictObject({ lastName: z.string(), firstName: z.string() }),
  /** subjectId: the organization joined; the actor is the person who accepted */
  'organization.invitation_accepted': z.strictObject({
    invitationId: id,
    groups: z.array(z.string()),
  }),
  'organization.group_member_added': z.strictObject({ group: z.string() }),
  'organization.group_member_removed': z.strictObject({ group: z.string() }),
  /** «+ Добавить организацию»: the head's signed registration; the ЕГРЮЛ check is queued */
  'organization.registration_submitted': z.strictObject({
    organizationId: id,
    ogrn: z.string(),
    certificate: z.string(),
    issuer: z.string(),
  }),
  /** the ЕГРЮЛ check's outcome (the job) */
  'organization.checked': z.strictObject({
    organizationId: id,
    status: z.string(),
    refusal: z.string().optional(),
  }),
  /** the head starts the check again: after check_failed, or with corrected details after a return */
  'organization.check_restarted': z.strictObject({
    organizationId: id,
    reason: z.enum(['retry', 'resubmitted']),
  }),
  /** the regional operator's decision (seed 004, step 1.4); the region is the entry's actingFor */
  'organization.regional_decision': z.strictObject({
    organizationId: id,
    decision: z.enum(['confirm', 'return']),
    reason: z.string().optional(),
  }),
  'organization.contacts_updated': z.strictObject({ organizationId: id, fields: z.array(z.string()) }),
  /** «Обновить из ЕГРЮЛ» */
  'organization.refreshed': z.strictObject({
    organizationId: id,
    registerStatus: z.string(),
    changed: z.array(z.string()),
  }),
  /** the register names another head: the members' roles follow (withNewHead) */
  'organization.head_changed': z.strictObject({
    organizationId: id,
    previousHeadAccountId: id.nullable(),
    newHeadAccountId: id.nullable(),
  }),
  /** Форма З / Форма И (issue 10): the subject is the organization, so its journal lists them */
  'application.created': z.strictObject({ applicationId: id, form: z.string() }),
  'application.submitted': z.strictObject({
    applicationId: id,
    form: z.string(),
    version: z.number().int(),
    method: z.enum(['qualified_signature', 'scan']),
    certificate: z.string().optional(),
    issuer: z.string().optional(),
  }),
  'application.regional_review': z.strictObject({
    applicationId: id,
    form: z.string(),
    decision: z.enum(['forward', 'return']),
    remarks: z.string().optional(),
  }),
  'application.federal_decision': z.strictObject({
    applicationId: id,
    form: z.string(),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().optional(),
  }),
  /** the opening plan's deadline of the region (the entry's actingFor); null: back to the default */
  'opening_plan.deadline_set': z.strictObject({
    regionCode: z.string().min(1),
    deadline: z.iso.date().nullable(),
    previous: z.iso.date().nullable(),
  }),
  /**
   * «Пожаловаться на центр обслуживания» (issue 10, item 5). The subject is the complaint, not the
   * organization: the organization's journal, which names the actor, does not show who complained.
   */
  'complaint.submitted': z.strictObject({
    complaintId: id,
    number: z.number().int(),
    organizationId: id,
    category: z.string(),
    /** the center of the map's card, when the complaint came from it */
    centerId: id.optional(),
  }),
  /** the organization's answer; the subject is the organization, so its journal lists it */
  'complaint.answered': z.strictObject({
    complaintId: id,
    number: z.number().int(),
    /** answered after its deadline */
    overdue: z.boolean(),
  }),
  /** the federal operator takes back approvals (Форма И's goes with Форма З's); subject: the organization */
  'organization.approval_revoked': z.strictObject({
    organizationId: id,
    approvals: z.array(z.string()),
    reason: z.string(),
  }),
  /** «Центры обслуживания» (issue 11): the subject is the organization, so its journal lists them */
  'center.created': z.strictObject({ centerId: id, name: z.string(), regionCode: z.string() }),
  'center.updated': z.strictObject({
    centerId: id,
    name: z.string(),
    fields: z.array(z.string()),
    status: z.enum(['active', 'inactive']).optional(),
  }),
  'center.operator_attached': z.strictObject({ centerId: id, name: z.string(), accountId: id }),
  'center.operator_detached': z.strictObject({ centerId: id, name: z.string(), accountId: id }),
  /** the federal operator blocks the organization as an issuer of simple signatures (subject: it) */
  'organization.blocked': z.strictObject({ organizationId: id, reason: z.string() }),
  /** and unblocks it: the blocking it ends, as it was */
  'organization.unblocked': z.strictObject({
    organizationId: id,
    blockedAt: z.iso.datetime(),
    reason: z.string(),
  }),
  // ---- АРМ «Центр обслуживания» (issue 12); the organization is the entry's actingFor ----
  'workstation.signed_in': z.strictObject({ certificate: z.string(), serialNumber: z.string() }),
  /** a refused sign-in: the reason, and the certificate when one verified */
  'workstation.sign_in_refused': z.strictObject({
    reason: z.string(),
    certificate: z.string().optional(),
    organizationId: id.optional(),
  }),
  'workstation.signed_out': z.strictObject({}),
  'workstation.center_chosen': z.strictObject({ centerId: id, certificate: z.string() }),
  'workstation.terms_accepted': z.strictObject({ version: z.string(), certificate: z.string() }),
  'workstation.searched': z.strictObject({
    centerId: id,
    certificate: z.string(),
    by: z.array(z.enum(searchKeyKinds)),
    found: z.number().int().nonnegative(),
  }),
  /** an operation done (or started: a registration waits for the registry checks) */
  'workstation.operation_performed': z.strictObject({
    operationId: id,
    operation: z.enum(workstationOperations),
    centerId: id,
    certificate: z.string(),
    state: z.string(),
  }),
  'workstation.operation_refused': z.strictObject({
    operation: z.enum(workstationOperations),
    centerId: id.nullable(),
    certificate: z.string(),
    reason: z.string(),
  }),
  /** «Удаление»: the account's personal data erased (152-ФЗ ст. 21); the entry keeps no personal data */
  'citizen.deleted': z.strictObject({ operationId: id, centerId: id }),
  'citizen.reconfirmed': z.strictObject({ operationId: id, centerId: id, previousMethod: z.string() }),
  'citizen.access_restored': z.strictObject({ operationId: id, centerId: id }),
  'citizen.child_added': z.strictObject({ operationId: id, centerId: id, childId: id }),
  'citizen.temporary_password_changed': z.strictObject({}),
} as const;

export type AuditEventType = keyof typeof auditEventSchemas;
export type AuditEventData<E extends AuditEventType> = z.input<(typeof auditEventSchemas)[E]>;

/**
 * Who acted, as the log records it. `operator` is the federal operator (the name rows had before
 * the other operators existed); an organization member and a regional operator also record the
 * organization or region they acted for (`actingFor`, kept in the entry's data).
 */
export const auditActorTypes = [
  'citizen',
  'anonymous',
  'system',
  'operator',
  'administrator',
  'organization_member',
  'regional_operator',
  'workstation_operator',
] as const;
export type AuditActorType = (typeof auditActorTypes)[number];

export const actingForSchema = z.union([
  z.strictObject({ organizationId: id }),
  z.strictObject({ regionCode: z.string().min(1) }),
]);
export type ActingFor = z.infer<typeof actingForSchema>;

/** The `data` of an event parsed with its schema, or null when the schema does not describe it. */
export function parseEventData<E extends AuditEventType>(event: E, data: unknown): AuditEventData<E> | null {
  const result = (auditEventSchemas[event] as z.ZodType).safeParse(data ?? {});
  return result.success ? (result.data as AuditEventData<E>) : null;
}

/** An entry's actor fields for a domain actor: who, and the organization or region it acted for. */
export function auditActor(actor: Actor): {
  actorType: AuditActorType;
  actorId: string | null;
  actingFor?: ActingFor;
} {
  switch (actor.kind) {
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null };
    case 'citizen':
      return { actorType: 'citizen', actorId: actor.accountId };
    case 'organization_member':
      return {
        actorType: 'organization_member',
        actorId: actor.personId,
        actingFor: { organizationId: actor.organizationId },
      };
    case 'regional_operator':
      return {
        actorType: 'regional_operator',
        actorId: actor.accountId,
        actingFor: { regionCode: actor.regionCode },
      };
    case 'federal_operator':
      return { actorType: 'operator', actorId: actor.accountId };
    case 'workstation_operator':
      return {
        actorType: 'workstation_operator',
        actorId: actor.accountId,
        actingFor: { organizationId: actor.organizationId },
      };
    case 'system':
      return { actorType: 'system', actorId: null };
  }
}
