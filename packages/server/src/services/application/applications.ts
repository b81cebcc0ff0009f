import {
  applicationContentSchema,
  applicationFormLabels,
  applicationForms,
  applicationSignatoryRoleLabels,
  applicationStatusLabels,
  organizationTypeLabels,
  type ApplicationCandidate,
  type ApplicationContent,
  type ApplicationDraft,
  type ApplicationEventKind,
  type ApplicationForm,
  type ApplicationQueue,
  type ApplicationStatus,
  type ApplicationSummary,
  type ApplicationView,
  type FederalDecision,
  type OrganizationApplications,
  type RegionalReview,
  type SignatureChallenge,
  type SignedPurpose,
} from '@openesia/contracts';
import { auditActor } from '../../audit/events.js';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { applicationDigest, canonicalApplication } from '../../domain/application/canonical.js';
import {
  assertMayApply,
  assertOfOrganization,
  isEditable,
  isOpen,
  nextApplicationStatus,
} from '../../domain/application/route.js';
import { assertScan } from '../../domain/application/scan.js';
import { readLegalEntity } from '../../domain/organization/legal-entity-certificate.js';
import type { Actor, OrganizationMemberActor, RegionalOperatorActor } from '../../domain/policy/actor.js';
import { assertAllowed, type Action } from '../../domain/policy/policy.js';
import { parseCertificate } from '../../domain/signature/certificate.js';
import { bindToPurpose, isBoundTo } from '../../domain/signature/purpose.js';
import type { Clock } from '../../lib/clock.js';
import { newId, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { digest, digestFor } from '../../lib/pki/algorithms.js';
import {
  findApplication,
  findApplicationForUpdate,
  findVersionScan,
  grantApproval,
  insertApplicationEvent,
  insertApplicationIfNoneLive,
  insertApplicationVersion,
  listApplicantOrganizations,
  listApplicationEvents,
  listApplicationsOfOrganization,
  listApplicationVersions,
  listFederalQueue,
  listRegionalQueue,
  updateApplicationIf,
  type ApplicantOrganization,
  type ApplicationRow,
  type QueueCursor,
} from '../../repositories/application/applications.js';
import { listVerifiedContacts } from '../../repositories/citizen/accounts.js';
import { listApprovals } from '../../repositories/organization/access.js';
import { listAccountNames, listMembersPage } from '../../repositories/organization/directory.js';
import { findActiveMember } from '../../repositories/organization/members.js';
import {
  findHeadAccountId,
  findOrganization,
  type OrganizationRow,
} from '../../repositories/organization/organizations.js';
import { useChallenge } from '../../repositories/signature/challenges.js';
import { findSignedDocument, insertSignedDocument } from '../../repositories/signature/signed-documents.js';
import type { NotificationService } from '../platform/notifications.js';
import type { RequestMeta } from '../platform/sessions.js';
import { checkedPerson, decodeCertificate, fio, notifyOrganization } from '../organization/registration.js';
import { sealedSigner, type SignatureService } from '../signature/signatures.js';
import { renderApplicationPdf } from './form-pdf.js';

const DAY_MS = 86_400_000;

/** «по форме З» / «по форме И» in the sentences of e-mails. */
const byForm = (form: ApplicationForm) => (form === 'form_z' ? 'по форме З' : 'по форме И');

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): QueueCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? ''))
    throw new AppError('validation.failed', { fields: [{ path: 'cursor', code: 'cursor.invalid' }] });
  return { at: date, id: id! };
}

/**
 * The complete content of a draft, or the refusal naming every missing or malformed field (the
 * paths are the form's, under `content.`): a form is signed, printed or sent only whole.
 */
function completeContent(draft: ApplicationDraft): ApplicationContent {
  const parsed = applicationContentSchema.safeParse(draft);
  if (parsed.success) return parsed.data;
  throw new AppError('validation.failed', {
    fields: parsed.error.issues.map((i) => ({ path: ['content', ...i.path].join('.'), code: i.message })),
  });
}

/**
 * The bytes the signatory signs for `version` of the application: a statement in Russian that
 * names the form and every field, then its canonical form, then the purpose line binding both to
 * the application and the digest. Nothing in them depends on the time or a nonce, so anyone
 * holding the version can rebuild them and check the kept signature (GET …/document).
 */
export function applicationSignedBytes(application: {
  id: string;
  form: ApplicationForm;
  version: number;
  content: ApplicationContent;
}): { text: string; bytes: Buffer; purpose: SignedPurpose; digest: string } {
  const canonical = canonicalApplication(application);
  const hash = applicationDigest(canonical);
  const { content } = application;
  const r = content.responsible;
  const s = content.signatory;
  const text = [
    `${applicationFormLabels[application.form]}.`,
    `Полное наименование органа (организации): ${content.organizationFullName}`,
    `ОГРН: ${content.ogrn}`,
    `Тип органа (организации): ${organizationTypeLabels[content.organizationType]}`,
    `Уполномоченное лицо: ${fio(r)}, ${r.position}; рабочий телефон ${r.workPhone}; мобильный телефон ${r.mobilePhone}; электронная почта ${r.email}`,
    `Подписант: ${applicationSignatoryRoleLabels[s.role]} — ${fio(s)}, ${s.position}`,
    `Заявка ${application.id}, версия ${application.version}.`,
    canonical,
  ].join('\n');
  const purpose: SignedPurpose = { kind: 'application.sign', applicationId: application.id, digest: hash };
  return { text, bytes: Buffer.from(bindToPurpose(text, purpose), 'utf8'), purpose, digest: hash };
}

interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  cipher: FieldCipher;
  lookup: LookupHasher;
  notifications: NotificationService;
  signatures: Pick<SignatureService, 'createBoundChallenge' | 'verifyBoundChallenge'>;
}

/**
 * Applications Форма З and Форма И (issue 10; seed 000, section 4; seed 003, appendix 1; seed 004,
 * steps 3-4): the organization prepares the form (a draft saved between sittings), its head or
 * deputy for informatization signs it with a qualified certificate, or it is printed, signed by
 * hand, stamped and scanned; the regional operator of its region forwards it or returns it with
 * remarks; the federal operator approves (the organization gets the approval and its effects,
 * domain/organization/approvals.ts) or rejects it. Every step is one transaction: the move (a
 * conditional update on the status and revision the actor saw), the history's event, the audit
 * entry and the e-mail.
 */
export class ApplicationService {
  constructor(private readonly deps: Deps) {}

  // ---- the organization's side ----

  private member(actor: Actor, action: Action): OrganizationMemberActor {
    assertAllowed(actor, action, {
      organizationId: actor.kind === 'organization_member' ? actor.organizationId : undefined,
    });
    return actor as OrganizationMemberActor;
  }

  private async organization(
    db: DbOrTx,
    organizationId: string,
    forUpdate = false,
  ): Promise<OrganizationRow> {
    const organization = await findOrganization(db, organizationId, { forUpdate });
    if (!organization) throw new AppError('organization.not_found');
    return organization;
  }

  /** What decides whether a form may be applied for now (route.ts assertMayApply). */
  private async standing(db: DbOrTx, organization: OrganizationRow, except?: string) {
    const [approvals, applications] = await Promise.all([
      listApprovals(db, organization.id),
      listApplicationsOfOrganization(db, organization.id),
    ]);
    return {
      registered: organization.status === 'registered',
      approvals,
      openApplications: applications.filter((a) => a.id !== except && isOpen(a.status)).map((a) => a.form),
    };
  }

  /** «Заявки»: the organization's applications, newest first, and which forms may be started. */
  async list(actor: Actor): Promise<OrganizationApplications> {
    const { organizationId } = this.member(actor, 'application.read');
    const { db } = this.deps;
    const organization = await this.organization(db, organizationId);
    const [rows, standing, named] = await Promise.all([
      listApplicationsOfOrganization(db, organizationId),
      this.standing(db, organization),
      listApplicantOrganizations(db, [organizationId]),
    ]);
    const drafts = new Set(rows.filter((r) => r.status === 'draft').map((r) => r.form));
    return {
      applications: rows.map((r) => this.summary(r, named.get(r.organizationId)!)),
      forms: applicationForms.map((form) => {
        if (drafts.has(form)) return { form, available: false, refusal: 'application.draft_exists' };
        try {
          assertMayApply(form, standing);
          return { form, available: true, refusal: null };
        } catch (err) {
          if (err instanceof AppError) return { form, available: false, refusal: err.code };
          throw err;
        }
      }),
    };
  }

  /**
   * «Подать заявку»: a draft prefilled from the organization (its full name, ОГРН and type, as the
   * register and its registration gave them) and its head as the signatory.
   */
  async create(actor: Actor, form: ApplicationForm, meta: RequestMeta): Promise<ApplicationView> {
    const member = this.member(actor, 'application.submit');
    const { db, clock } = this.deps;
    const id = await db.transaction(async (tx) => {
      const now = clock.now();
      const organization = await this.organization(tx, member.organizationId, true);
      assertMayApply(form, await this.standing(tx, organization));
      const head = await findHeadAccountId(tx, organization.id);
      const content: ApplicationDraft = {
        organizationFullName: organization.fullName,
        ogrn: organization.ogrn,
        organizationType: organization.type,
        responsible: {},
        signatory: head
          ? {
              role: 'head',
              accountId: head,
              lastName: organization.headLastName,
              firstName: organization.headFirstName,
              middleName: organization.headMiddleName ?? undefined,
              position: organization.headPosition ?? undefined,
            }
          : {},
      };
      const inserted = await insertApplicationIfNoneLive(tx, {
        id: newId(),
        organizationId: organization.id,
        form,
        status: 'draft',
        regionCode: organization.regionCode,
        content,
        createdBy: member.personId,
        createdAt: now,
        updatedAt: now,
      });
      // The partial unique index: a draft or an application of this form is already there.
      if (!inserted) throw new AppError('application.already_open');
      await insertApplicationEvent(tx, {
        id: newId(),
        applicationId: inserted.id,
        event: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorAccountId: member.personId,
        at: now,
      });
      await appendAudit(
        tx,
        {
          event: 'application.created',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: { applicationId: inserted.id, form },
        },
        now,
      );
      return inserted.id;
    });
    return this.get(actor, id);
  }

  private async ownApplication(db: DbOrTx, organizationId: string, id: string, forUpdate = false) {
    const row = forUpdate ? await findApplicationForUpdate(db, id) : await findApplication(db, id);
    // Another organization's application is as unknown as one that never existed.
    if (!row || row.organizationId !== organizationId) throw new AppError('application.not_found');
    return row;
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const { organizationId } = this.member(actor, 'application.read');
    return this.view(await this.ownApplication(this.deps.db, organizationId, id));
  }

  /** The employees to pick the responsible person and the deputy from, with their verified contacts. */
  async candidates(actor: Actor, q: string | undefined): Promise<ApplicationCandidate[]> {
    const { organizationId } = this.member(actor, 'application.submit');
    const { db } = this.deps;
    const rows = await listMembersPage(db, organizationId, { q: q?.trim() || undefined, limit: 20 });
    const contacts = await listVerifiedContacts(
      db,
      rows.map((r) => r.accountId),
    );
    return rows.map((r) => ({
      accountId: r.accountId,
      lastName: r.lastName,
      firstName: r.firstName,
      middleName: r.middleName,
      isHead: r.isHead,
      email: contacts.find((c) => c.accountId === r.accountId && c.type === 'email')?.value ?? null,
      mobilePhone: contacts.find((c) => c.accountId === r.accountId && c.type === 'phone')?.value ?? null,
    }));
  }

  /** The application locked, still editable, at the revision the page showed. */
  private async editable(tx: DbOrTx, member: OrganizationMemberActor, id: string, revision: number) {
    const row = await this.ownApplication(tx, member.organizationId, id, true);
    if (!isEditable(row.status)) throw new AppError('application.wrong_state');
    if (row.revision !== revision) throw new AppError('application.stale');
    return row;
  }

  /** «Сохранить черновик»: whatever is typed so far, at the revision the page showed. */
  async save(
    actor: Actor,
    id: string,
    input: { revision: number; content: ApplicationDraft },
  ): Promise<ApplicationView> {
    const member = this.member(actor, 'application.submit');
    const { db, clock } = this.deps;
    const saved = await db.transaction(async (tx) => {
      const row = await this.editable(tx, member, id, input.revision);
      const updated = await updateApplicationIf(tx, row.id, row, {
        content: input.content,
        updatedAt: clock.now(),
      });
      if (!updated) throw new AppError('application.stale');
      return updated;
    });
    return this.view(saved);
  }

  /**
   * The whole form checked as it will be sent: every field, the ОГРН the organization's own, the
   * responsible person and the signatory its employees (the head as the head), and the form one
   * the organization may apply for now.
   */
  private async checkedContent(tx: DbOrTx, row: ApplicationRow, organization: OrganizationRow) {
    const content = completeContent(row.content);
    assertOfOrganization(content, organization);
    if (content.organizationType !== organization.type)
      throw new AppError('validation.failed', {
        fields: [{ path: 'content.organizationType', code: 'application.type_mismatch' }],
      });
    const responsible = await findActiveMember(tx, organization.id, content.responsible.accountId);
    const signatory = await findActiveMember(tx, organization.id, content.signatory.accountId);
    const fields = [
      ...(responsible ? [] : [{ path: 'content.responsible.accountId', code: 'application.not_member' }]),
      ...(!signatory
        ? [{ path: 'content.signatory.accountId', code: 'application.not_member' }]
        : content.signatory.role === 'head' && !signatory.isHead
          ? [{ path: 'content.signatory.role', code: 'application.signatory_not_head' }]
          : content.signatory.role === 'deputy' && signatory.isHead
            ? [{ path: 'content.signatory.role', code: 'application.signatory_is_head' }]
            : []),
    ];
    if (fields.length) throw new AppError('validation.failed', { fields });
    assertMayApply(row.form, await this.standing(tx, organization, row.id));
    return content;
  }

  /**
   * «Подписать электронной подписью», step 1: the bytes to sign for the next version, once the
   * form is complete and the person is the signatory it names with a certificate of this
   * organization (its ОГРН) that names them.
   */
  async challenge(
    actor: Actor,
    id: string,
    input: { revision: number; certificate: string },
  ): Promise<SignatureChallenge> {
    const member = this.member(actor, 'application.sign');
    const { db } = this.deps;
    const row = await this.ownApplication(db, member.organizationId, id);
    if (!isEditable(row.status)) throw new AppError('application.wrong_state');
    if (row.revision !== input.revision) throw new AppError('application.stale');
    const organization = await this.organization(db, member.organizationId);
    const content = await this.checkedContent(db, row, organization);
    if (content.signatory.accountId !== member.personId)
      throw new AppError('application.signer_not_signatory');
    const entity = readLegalEntity(
      decodeCertificate(input.certificate).subject,
      await checkedPerson(this.deps, member.personId),
    );
    if (entity.ogrn !== organization.ogrn) throw new AppError('application.certificate_other_organization');
    const signed = applicationSignedBytes({ ...row, version: row.version + 1, content });
    return this.deps.signatures.createBoundChallenge(member.personId, signed.purpose, signed.text);
  }

  /**
   * Step 2: the signature over the challenge's bytes, verified (chain, CRL); the signer's
   * certificate is this organization's and names the signatory; the bytes are those of the
   * version being sent now — a signature made before the form was edited again is refused.
   */
  async submitSigned(
    actor: Actor,
    id: string,
    input: { revision: number; challengeId: string; signature: string },
    meta: RequestMeta,
  ): Promise<ApplicationView> {
    const member = this.member(actor, 'application.sign');
    const { db, clock, cipher, lookup } = this.deps;
    const person = await checkedPerson(this.deps, member.personId);
    const { challenge, signature, verified } = await this.deps.signatures.verifyBoundChallenge(
      member.personId,
      'application.sign',
      input,
    );
    const entity = readLegalEntity(verified.signer.subject, person);
    const saved = await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await this.editable(tx, member, id, input.revision);
      const organization = await this.organization(tx, member.organizationId);
      if (entity.ogrn !== organization.ogrn) throw new AppError('application.certificate_other_organization');
      const content = await this.checkedContent(tx, row, organization);
      if (content.signatory.accountId !== member.personId)
        throw new AppError('application.signer_not_signatory');
      const version = row.version + 1;
      const signed = applicationSignedBytes({ ...row, version, content });
      if (!isBoundTo(challenge.data, signed.purpose) || !signed.bytes.equals(challenge.data))
        throw new AppError('application.signed_version_mismatch');
      if (!(await useChallenge(tx, challenge.id, now))) throw new AppError('signature.challenge_used');
      const algorithm = digestFor[verified.signer.publicKey.algorithm];
      const documentId = newId();
      await insertSignedDocument(tx, {
        id: documentId,
        accountId: member.personId,
        documentType: 'application',
        documentHash: digest(algorithm, signed.bytes).toString('hex'),
        hashAlgorithm: algorithm,
        signature,
        certificate: verified.signer.der,
        ...sealedSigner(cipher, lookup, documentId, verified.signer),
        result: 'valid',
        verifiedAt: now,
      });
      return this.send(tx, actor, member, row, organization, {
        content,
        version,
        digest: signed.digest,
        method: 'qualified_signature',
        signedDocumentId: documentId,
        audit: { certificate: verified.signer.serialNumber, issuer: verified.signer.issuerName },
        now,
        meta,
      });
    });
    return this.view(saved);
  }

  /**
   * «Распечатать заявку (PDF)»: the complete form as the next version will carry it, in the layout
   * of seed 003, its footer naming the version and digest the scan will be matched against.
   */
  async printable(actor: Actor, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const member = this.member(actor, 'application.submit');
    const { db, clock } = this.deps;
    const row = await this.ownApplication(db, member.organizationId, id);
    if (!isEditable(row.status)) throw new AppError('application.wrong_state');
    const organization = await this.organization(db, member.organizationId);
    const content = await this.checkedContent(db, row, organization);
    const version = row.version + 1;
    const bytes = await renderApplicationPdf({
      form: row.form,
      applicationId: row.id,
      version,
      content,
      organization,
      generatedAt: clock.now(),
    });
    const letter = row.form === 'form_z' ? 'З' : 'И';
    return { bytes, fileName: `Заявка по форме ${letter}, ОГРН ${organization.ogrn}, версия ${version}.pdf` };
  }

  /**
   * «Отправить скан»: the printed form, signed by hand and stamped, scanned. Its type is decided by
   * its bytes (scanTypeOf), not its name. The operators compare it with the version it was printed
   * from (the PDF's footer names the version and digest).
   */
  async submitScan(
    actor: Actor,
    id: string,
    input: { revision: number; fileName: string; scan: string },
    meta: RequestMeta,
  ): Promise<ApplicationView> {
    const member = this.member(actor, 'application.submit');
    const { db, clock } = this.deps;
    const bytes = Buffer.from(input.scan, 'base64');
    const scanType = assertScan(bytes);
    const saved = await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await this.editable(tx, member, id, input.revision);
      const organization = await this.organization(tx, member.organizationId);
      const content = await this.checkedContent(tx, row, organization);
      const version = row.version + 1;
      return this.send(tx, actor, member, row, organization, {
        content,
        version,
        digest: applicationSignedBytes({ ...row, version, content }).digest,
        method: 'scan',
        scan: { bytes, type: scanType, fileName: input.fileName },
        now,
        meta,
      });
    });
    return this.view(saved);
  }

  /** The move shared by both ways of sending: the version kept, submitted, its event, audit, e-mail. */
  private async send(
    tx: DbOrTx,
    actor: Actor,
    member: OrganizationMemberActor,
    row: ApplicationRow,
    organization: OrganizationRow,
    sent: {
      content: ApplicationContent;
      version: number;
      digest: string;
      method: 'qualified_signature' | 'scan';
      signedDocumentId?: string;
      scan?: { bytes: Buffer; type: string; fileName: string };
      audit?: { certificate: string; issuer: string };
      now: Date;
      meta: RequestMeta;
    },
  ): Promise<ApplicationRow> {
    const kind = row.status === 'draft' ? 'submit' : 'resubmit';
    const status = nextApplicationStatus(row.status, { kind });
    await insertApplicationVersion(tx, {
      applicationId: row.id,
      version: sent.version,
      content: sent.content,
      digest: sent.digest,
      signingMethod: sent.method,
      signedDocumentId: sent.signedDocumentId ?? null,
      scan: sent.scan?.bytes ?? null,
      scanType: sent.scan?.type ?? null,
      scanFileName: sent.scan?.fileName ?? null,
      submittedBy: member.personId,
      submittedAt: sent.now,
    });
    const updated = await updateApplicationIf(tx, row.id, row, {
      status,
      version: sent.version,
      content: sent.content,
      signingMethod: sent.method,
      signedDocumentId: sent.signedDocumentId ?? null,
      submittedAt: sent.now,
      updatedAt: sent.now,
    });
    if (!updated) throw new AppError('application.stale');
    await this.recordStep(tx, updated, {
      event: kind,
      from: row.status,
      actorId: member.personId,
      now: sent.now,
    });
    await appendAudit(
      tx,
      {
        event: 'application.submitted',
        ...auditActor(actor),
        subjectId: organization.id,
        ip: sent.meta.ip,
        data: {
          applicationId: row.id,
          form: row.form,
          version: sent.version,
          method: sent.method,
          ...(sent.audit ?? {}),
        },
      },
      sent.now,
    );
    await notifyOrganization(tx, this.deps.notifications, organization, {
      subject: `Заявка ${byForm(row.form)}: ${applicationStatusLabels.submitted}`,
      text: `Заявка ${byForm(row.form)} организации «${organization.shortName}» (версия ${sent.version}) отправлена региональному оператору на проверку. О решении вы получите письмо.`,
    });
    return updated;
  }

  private async recordStep(
    tx: DbOrTx,
    row: ApplicationRow,
    step: {
      event: ApplicationEventKind;
      from: ApplicationStatus;
      actorId: string;
      comment?: string;
      now: Date;
    },
  ): Promise<void> {
    await insertApplicationEvent(tx, {
      id: newId(),
      applicationId: row.id,
      event: step.event,
      fromStatus: step.from,
      toStatus: row.status,
      actorAccountId: step.actorId,
      comment: step.comment ?? null,
      version: row.version,
      at: step.now,
    });
  }

  /** A version's scan, to whoever may read the application (the organization, its region's operator, the federal operator). */
  async scan(actor: Actor, id: string, version: number) {
    const row = await this.readable(actor, id);
    const scan = await findVersionScan(this.deps.db, row.id, version);
    if (!scan) throw new AppError('not_found');
    return scan;
  }

  /**
   * A version's signed bytes and its detached CAdES signature, for a check outside OpenESIA
   * (`openssl cms -verify -binary -inform DER -in signature.p7s -content document.txt`).
   */
  async signedDocument(actor: Actor, id: string, version: number) {
    const row = await this.readable(actor, id);
    const { db } = this.deps;
    const kept = (await listApplicationVersions(db, row.id)).find((v) => v.version === version);
    if (!kept?.signedDocumentId) throw new AppError('not_found');
    const document = await findSignedDocument(db, kept.signedDocumentId);
    if (!document) throw new AppError('not_found');
    return {
      bytes: applicationSignedBytes({ ...row, version, content: kept.content }).bytes,
      signature: document.signature,
    };
  }

  /** The application if `actor` may read it: its organization, its region's operator, the federal operator. */
  private async readable(actor: Actor, id: string): Promise<ApplicationRow> {
    const { db } = this.deps;
    if (actor.kind === 'regional_operator') {
      assertAllowed(actor, 'application.list_regional');
      const row = await findApplication(db, id);
      if (!row || row.regionCode !== actor.regionCode) throw new AppError('application.not_found');
      return row;
    }
    if (actor.kind === 'federal_operator') {
      assertAllowed(actor, 'application.list_federal');
      const row = await findApplication(db, id);
      if (!row) throw new AppError('application.not_found');
      return row;
    }
    const { organizationId } = this.member(actor, 'application.read');
    return this.ownApplication(db, organizationId, id);
  }

  // ---- the operators' side ----

  /** The regional operator's queue: its region's submitted applications, oldest first. */
  async regionalQueue(actor: Actor, query: { cursor?: string; limit: number }): Promise<ApplicationQueue> {
    assertAllowed(actor, 'application.list_regional');
    const { regionCode } = actor as RegionalOperatorActor;
    const rows = await listRegionalQueue(
      this.deps.db,
      regionCode,
      query.limit + 1,
      decodeCursor(query.cursor),
    );
    return this.queuePage(rows, query.limit, (r) => r.submittedAt!);
  }

  /** The federal operator's queue: forwarded applications of every region, oldest first. */
  async federalQueue(actor: Actor, query: { cursor?: string; limit: number }): Promise<ApplicationQueue> {
    assertAllowed(actor, 'application.list_federal');
    const rows = await listFederalQueue(this.deps.db, query.limit + 1, decodeCursor(query.cursor));
    return this.queuePage(rows, query.limit, (r) => r.forwardedAt!);
  }

  private async queuePage(rows: ApplicationRow[], limit: number, time: (r: ApplicationRow) => Date) {
    const page = rows.slice(0, limit);
    const named = await listApplicantOrganizations(
      this.deps.db,
      page.map((r) => r.organizationId),
    );
    const last = page[page.length - 1];
    return {
      applications: page.map((r) => this.summary(r, named.get(r.organizationId)!)),
      nextCursor: rows.length > limit && last ? encodeCursor(time(last), last.id) : null,
    };
  }

  async operatorGet(actor: Actor, id: string): Promise<ApplicationView> {
    if (actor.kind !== 'regional_operator' && actor.kind !== 'federal_operator')
      assertAllowed(actor, 'application.list_federal');
    return this.view(await this.readable(actor, id));
  }

  /**
   * The regional operator's check: forward to the federal operator, or return with remarks. Only
   * an application of its own region (another region's is not found, as an unknown one is).
   */
  async regionalReview(
    actor: Actor,
    id: string,
    input: RegionalReview & { revision: number },
    meta: RequestMeta,
  ): Promise<ApplicationView> {
    assertAllowed(actor, 'application.decide_regional');
    const operator = actor as RegionalOperatorActor;
    const { db, clock } = this.deps;
    const saved = await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await findApplicationForUpdate(tx, id);
      if (!row || row.regionCode !== operator.regionCode) throw new AppError('application.not_found');
      assertAllowed(actor, 'application.decide_regional', { regionCode: row.regionCode });
      const kind = input.decision === 'forward' ? 'regional_forward' : 'regional_return';
      const status = nextApplicationStatus(row.status, { kind });
      if (row.revision !== input.revision) throw new AppError('application.stale');
      const updated = await updateApplicationIf(tx, row.id, row, {
        status,
        updatedAt: now,
        ...(input.decision === 'forward' ? { forwardedAt: now } : { remarks: input.remarks }),
      });
      if (!updated) throw new AppError('application.stale');
      const remarks = input.decision === 'return' ? input.remarks : undefined;
      await this.recordStep(tx, updated, {
        event: kind,
        from: row.status,
        actorId: operator.accountId,
        comment: remarks,
        now,
      });
      const organization = await this.organization(tx, row.organizationId);
      await appendAudit(
        tx,
        {
          event: 'application.regional_review',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: {
            applicationId: row.id,
            form: row.form,
            decision: input.decision,
            ...(remarks ? { remarks } : {}),
          },
        },
        now,
      );
      await notifyOrganization(
        tx,
        this.deps.notifications,
        organization,
        input.decision === 'forward'
          ? {
              subject: `Заявка ${byForm(row.form)}: ${applicationStatusLabels.forwarded}`,
              text: `Региональный оператор проверил заявку ${byForm(row.form)} организации «${organization.shortName}» и направил её оператору ЕСИА на согласование.`,
            }
          : {
              subject: `Заявка ${byForm(row.form)}: ${applicationStatusLabels.returned}`,
              text: `Региональный оператор вернул заявку ${byForm(row.form)} организации «${organization.shortName}» на доработку.\nЗамечания: ${remarks}\nИсправьте заявку в профиле организации (раздел «Заявки») и отправьте её повторно.`,
            },
      );
      return updated;
    });
    return this.view(saved);
  }

  /**
   * The federal operator's decision. Approval grants the organization the approval of the form
   * in the same transaction: its effects (groups, services) follow from approvals.ts at once.
   */
  async federalDecide(
    actor: Actor,
    id: string,
    input: FederalDecision & { revision: number },
    meta: RequestMeta,
  ): Promise<ApplicationView> {
    assertAllowed(actor, 'application.decide_federal');
    const { accountId } = actor as { accountId: string };
    const { db, clock } = this.deps;
    const saved = await db.transaction(async (tx) => {
      const now = clock.now();
      const row = await findApplicationForUpdate(tx, id);
      if (!row) throw new AppError('application.not_found');
      const kind = input.decision === 'approve' ? 'federal_approve' : 'federal_reject';
      const status = nextApplicationStatus(row.status, { kind });
      if (row.revision !== input.revision) throw new AppError('application.stale');
      const reason = input.decision === 'reject' ? input.reason : undefined;
      const updated = await updateApplicationIf(tx, row.id, row, {
        status,
        decidedAt: now,
        updatedAt: now,
        ...(reason ? { rejectionReason: reason } : {}),
      });
      if (!updated) throw new AppError('application.stale');
      if (status === 'approved') await grantApproval(tx, row.organizationId, row.form, now);
      await this.recordStep(tx, updated, {
        event: kind,
        from: row.status,
        actorId: accountId,
        comment: reason,
        now,
      });
      const organization = await this.organization(tx, row.organizationId);
      await appendAudit(
        tx,
        {
          event: 'application.federal_decision',
          ...auditActor(actor),
          subjectId: organization.id,
          ip: meta.ip,
          data: {
            applicationId: row.id,
            form: row.form,
            decision: input.decision,
            ...(reason ? { reason } : {}),
          },
        },
        now,
      );
      await notifyOrganization(
        tx,
        this.deps.notifications,
        organization,
        status === 'approved'
          ? {
              subject: `Заявка ${byForm(row.form)}: ${applicationStatusLabels.approved}`,
              text:
                row.form === 'form_z'
                  ? `Оператор ЕСИА согласовал заявку по форме З организации «${organization.shortName}». Организация получила статус уполномоченной организации: в разделе «Доступ к системам» доступна группа «Специалисты по подтверждению личности». Следующий шаг — заявка по форме И.`
                  : `Оператор ЕСИА согласовал заявку по форме И организации «${organization.shortName}». В разделе «Доступ к системам» доступна группа «Специалисты по регистрации и подтверждению».`,
            }
          : {
              subject: `Заявка ${byForm(row.form)}: ${applicationStatusLabels.rejected}`,
              text: `Оператор ЕСИА отклонил заявку ${byForm(row.form)} организации «${organization.shortName}».\nПричина: ${reason}\nВы можете подать новую заявку в профиле организации (раздел «Заявки»).`,
            },
      );
      return updated;
    });
    return this.view(saved);
  }

  // ---- views ----

  /** When the operator now holding it should decide, and whether that time has passed. */
  private due(row: ApplicationRow): { dueAt: Date | null; overdue: boolean } {
    const { regionalReviewDays, federalDecisionDays } = this.deps.config.applications;
    const dueAt =
      row.status === 'submitted' && row.submittedAt
        ? new Date(row.submittedAt.getTime() + regionalReviewDays * DAY_MS)
        : row.status === 'forwarded' && row.forwardedAt
          ? new Date(row.forwardedAt.getTime() + federalDecisionDays * DAY_MS)
          : null;
    return { dueAt, overdue: !!dueAt && dueAt.getTime() < this.deps.clock.now().getTime() };
  }

  private summary(row: ApplicationRow, organization: ApplicantOrganization): ApplicationSummary {
    const { dueAt, overdue } = this.due(row);
    return {
      id: row.id,
      form: row.form,
      status: row.status,
      organization,
      version: row.version,
      revision: row.revision,
      createdAt: row.createdAt.toISOString(),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      forwardedAt: row.forwardedAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      dueAt: dueAt?.toISOString() ?? null,
      overdue,
    };
  }

  private async view(row: ApplicationRow): Promise<ApplicationView> {
    const { db } = this.deps;
    const [events, versions, named] = await Promise.all([
      listApplicationEvents(db, row.id),
      listApplicationVersions(db, row.id),
      listApplicantOrganizations(db, [row.organizationId]),
    ]);
    const names = await listAccountNames(db, [
      ...events.map((e) => e.actorAccountId),
      ...versions.map((v) => v.submittedBy),
    ]);
    const nameOf = (id: string) => {
      const n = names.get(id);
      return n ? { lastName: n.lastName, firstName: n.firstName, middleName: n.middleName } : null;
    };
    const signers = new Map(
      await Promise.all(
        versions
          .filter((v) => v.signedDocumentId)
          .map(async (v) => [v.version, await findSignedDocument(db, v.signedDocumentId!)] as const),
      ),
    );
    return {
      ...this.summary(row, named.get(row.organizationId)!),
      content: row.content,
      signingMethod: row.signingMethod,
      remarks: row.remarks,
      rejectionReason: row.rejectionReason,
      events: events.map((e) => ({
        event: e.event,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        side: e.event.startsWith('regional_')
          ? 'regional_operator'
          : e.event.startsWith('federal_')
            ? 'federal_operator'
            : 'organization',
        actor: nameOf(e.actorAccountId),
        comment: e.comment,
        version: e.version,
        at: e.at.toISOString(),
      })),
      versions: versions.map((v) => {
        const document = signers.get(v.version);
        const certificate = document?.certificate ? parseCertificate(document.certificate) : null;
        return {
          version: v.version,
          content: v.content,
          signingMethod: v.signingMethod,
          digest: v.digest,
          submittedAt: v.submittedAt.toISOString(),
          submittedBy: nameOf(v.submittedBy),
          signer:
            document && certificate
              ? {
                  name: document.signerName ?? certificate.subject.commonName ?? '',
                  serialNumber: certificate.serialNumber,
                  issuer: certificate.issuerName,
                  verifiedAt: document.verifiedAt.toISOString(),
                }
              : null,
          scan:
            v.scanType && v.scanSize !== null
              ? { contentType: v.scanType, fileName: v.scanFileName ?? 'scan', size: v.scanSize }
              : null,
        };
      }),
    };
  }
}
