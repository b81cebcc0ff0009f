import {
  innLeWithChecksum,
  ogrnWithChecksum,
  simulatedTaxRegister,
  type SimulatedTaxRecord,
  type TestCaIssued,
  type TestCaIssueRequest,
  type TestCaLegalEntityRequest,
  type TestCaMyCertificateRequest,
} from '@openesia/contracts';
import { testCaIssueRequestSchema } from '@openesia/contracts';
import { randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { appendAudit } from '../../audit/log.js';
import type { Config } from '../../config/index.js';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  certificateInfo,
  parseCertificate,
  serialBytes,
  type ParsedCertificate,
} from '../../domain/signature/certificate.js';
import { parseCrl, type ParsedCrl } from '../../domain/signature/crl.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, safeEqualHex, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { AppError } from '../../lib/errors.js';
import { buildName, toArrayBuffer } from '@openesia/pki';
import { generateKeyPair, readPrivateKey, type PrivateKey } from '../../lib/pki/algorithms.js';
import { issueCertificate, issueCrl, keyIdentifier } from '../../lib/pki/issue.js';
import { makePkcs12 } from '../../lib/pki/pkcs12.js';
import { normalizePersonName } from '../../domain/signature/person.js';
import { getAccountById, getAccountForUpdate } from '../../repositories/citizen/accounts.js';
import {
  findSimulatedTaxRecord,
  upsertSimulatedTaxRecord,
} from '../../repositories/simulators/tax-records.js';
import { findPersonalData, findPersonalDataForUpdate } from '../../repositories/citizen/personal-data.js';
import {
  findTestCa,
  findTestCaCertificate,
  insertTestCa,
  insertTestCaCertificate,
  listRevokedTestCaCertificates,
  nextCrlNumber,
  revokeTestCaCertificate,
  testCaRevocationVersion,
  type TestCaCertificateRow,
} from '../../repositories/signature/test-ca.js';
import type { RequestMeta } from '../platform/sessions.js';
import type { TrustListService } from './trust-list.js';

const KEY_CONTEXT = 'test_ca.root_key';
const ROOT_NAME = 'Тестовый УЦ OpenESIA';
const CRL_LIFETIME_MS = 24 * 3600_000;
const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
} as const;

interface LoadedRoot {
  cert: ParsedCertificate;
  key: PrivateKey;
}

/** Associated data of a test-CA certificate's ciphertext: it cannot be moved to another row. */
export function testCaCertificateContext(serialNumber: string): string {
  return `test_ca.certificate:${serialNumber}`;
}

/**
 * «Тестовый УЦ»: a certification authority for demonstrations and tests only (demo mode; refused
 * otherwise). Its GOST R 34.10-2012 root is made on first use, kept in the database with the key
 * encrypted (FieldCipher), and put on the trust list so its certificates verify like real ones.
 * It issues certificates with СНИЛС/ИНН/ОГРН in a PKCS#12 container protected by a PIN, revokes,
 * and publishes its CRL at /api/test-ca/crl.
 */
export class TestCaService {
  private root: LoadedRoot | null = null;
  private crl: { der: Buffer; parsed: ParsedCrl; refreshAfter: number; version: string } | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      config: Config;
      cipher: FieldCipher;
      lookup: LookupHasher;
      trustList: TrustListService;
    },
  ) {}

  get enabled(): boolean {
    return this.deps.config.demoMode;
  }

  get crlUrl(): string {
    return `${this.deps.config.publicUrl}/api/test-ca/crl`;
  }

  private requireEnabled(): void {
    if (!this.enabled) throw new AppError('test_ca.disabled');
  }

  /** Creates the root on first start in demo mode; later starts load it. */
  async ensureRoot(): Promise<LoadedRoot> {
    this.requireEnabled();
    if (this.root) return this.root;
    const { db, clock, cipher, trustList } = this.deps;
    let row = await findTestCa(db);
    if (!row) {
      const now = clock.now();
      const pair = generateKeyPair('gost2012_256');
      const name = buildName({ country: 'RU', organization: 'OpenESIA', commonName: ROOT_NAME });
      const der = issueCertificate({
        subject: name,
        subjectKey: pair.publicKey,
        serialNumber: Buffer.from([1]),
        notBefore: new Date(now.getTime() - 24 * 3600_000),
        notAfter: new Date(now.getTime() + 15 * 365 * 24 * 3600_000),
        keyUsage: ['keyCertSign', 'cRLSign'],
        ca: true,
        signerKey: pair.privateKey,
      });
      await db.transaction(async (tx) => {
        // Two instances starting together: one insert wins, the other loads it below.
        if (
          await insertTestCa(tx, {
            id: 'root',
            certificate: der,
            privateKeyEncrypted: cipher.encrypt(pair.privateKey.pkcs8.toString('base64'), KEY_CONTEXT),
            createdAt: now,
          })
        ) {
          await trustList.addSystemRoot(tx, der, ROOT_NAME, [this.crlUrl]);
        }
      });
      row = (await findTestCa(db))!;
    }
    this.root = {
      cert: parseCertificate(row.certificate),
      key: readPrivateKey(Buffer.from(cipher.decrypt(row.privateKeyEncrypted, KEY_CONTEXT), 'base64')),
    };
    return this.root;
  }

  async rootCertificate(): Promise<Buffer> {
    return (await this.ensureRoot()).cert.der;
  }

  /**
   * Issues whatever is asked, without any access check: for the test CA's operator only (the CLI on
   * the server, test support code). Never reachable over HTTP: through the API a
   * person gets a certificate only for their own checked data (issueForAccount).
   */
  async issue(
    request: TestCaIssueRequest,
    actor: { accountId: string | null; meta: RequestMeta },
  ): Promise<TestCaIssued> {
    return this.issueChecked(request, actor, async () => {});
  }

  /**
   * «Получить тестовый сертификат»: a certificate for the signed-in person, with the surname, name,
   * patronymic and СНИЛС the registry checks confirmed (the account is standard or confirmed and
   * its personal data passed both checks). A certificate with a СНИЛС is a key to the account that
   * holds it (sign-in by signature finds the account by it), so nobody may have one for data that
   * is not theirs, or not yet checked: the person's own unchecked data could be someone else's.
   * The data is read again, locked, when the certificate is recorded: a change meanwhile refuses it.
   */
  async issueForAccount(
    actor: Actor,
    accountId: string,
    request: TestCaMyCertificateRequest,
    meta: RequestMeta,
  ): Promise<TestCaIssued> {
    assertAllowed(actor, 'citizen.issue_test_certificate', { accountId });
    this.requireEnabled();
    const { db } = this.deps;
    const checked = await this.checkedPerson(db, accountId);
    return this.issueChecked(
      {
        algorithm: request.algorithm,
        pin: request.pin,
        validDays: request.validDays,
        subject: {
          lastName: checked.lastName,
          firstName: checked.firstName,
          middleName: checked.middleName ?? undefined,
          snils: checked.snils,
        },
      },
      { accountId, meta },
      async (tx) => {
        const current = await this.checkedPerson(tx, accountId, { forUpdate: true });
        if (current.revision !== checked.revision) throw new AppError('test_ca.no_checked_data');
      },
    );
  }

  /**
   * «Тестовый УЦ», a legal entity's qualified certificate (Приказ ФСБ № 795, п. 17.2: ОГРН, ИНН ЮЛ,
   * O, title, and the head's СНИЛС and ФИО) for the signed-in confirmed person: for an organization
   * of the simulated ЕГРЮЛ whose head is that person (`test_ca.not_head` otherwise), or for a new
   * organization the person describes, with a fresh ОГРН and ИНН — the simulated ЕГРЮЛ learns it
   * in the same transaction, so its registration's check can pass.
   */
  async issueLegalEntityForAccount(
    actor: Actor,
    accountId: string,
    request: TestCaLegalEntityRequest,
    meta: RequestMeta,
  ): Promise<TestCaIssued> {
    assertAllowed(actor, 'citizen.issue_legal_entity_certificate', { accountId });
    this.requireEnabled();
    const { db, clock } = this.deps;
    const checked = await this.checkedPerson(db, accountId);
    const wanted = request.organization;
    let record: SimulatedTaxRecord;
    let learn = false;
    if (wanted.kind === 'register') {
      const found =
        simulatedTaxRegister.find((r) => r.ogrn === wanted.ogrn) ??
        (await findSimulatedTaxRecord(db, wanted.ogrn));
      if (!found) throw new AppError('test_ca.unknown_organization');
      const same = (a: string | null | undefined, b: string | null | undefined) =>
        normalizePersonName(a) === normalizePersonName(b);
      if (
        !same(found.head.lastName, checked.lastName) ||
        !same(found.head.firstName, checked.firstName) ||
        (!!found.head.middleName && !same(found.head.middleName, checked.middleName))
      )
        throw new AppError('test_ca.not_head');
      record = found;
    } else {
      const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
      // ОГРН: 1 (legal entity), year 02, region, then random; ИНН: the region's tax office and random.
      record = {
        ogrn: ogrnWithChecksum(`102${wanted.regionCode}${digits(7)}`),
        inn: innLeWithChecksum(`${wanted.regionCode}${digits(7)}`),
        kpp: `${wanted.regionCode}0101001`,
        fullName: wanted.fullName,
        shortName: wanted.shortName,
        regionCode: wanted.regionCode,
        type: wanted.type,
        status: 'active',
        head: {
          lastName: checked.lastName,
          firstName: checked.firstName,
          middleName: checked.middleName,
          inn: null,
          position: wanted.position,
        },
        description: 'Организация, выпущенная тестовым УЦ',
      };
      learn = true;
    }
    return this.issueChecked(
      {
        algorithm: request.algorithm,
        pin: request.pin,
        validDays: request.validDays,
        subject: {
          lastName: checked.lastName,
          firstName: checked.firstName,
          middleName: checked.middleName ?? undefined,
          snils: checked.snils,
          organization: record.fullName,
          title: record.head.position,
          ogrn: record.ogrn,
          innLe: record.inn,
        },
      },
      { accountId, meta },
      async (tx) => {
        const current = await this.checkedPerson(tx, accountId, { forUpdate: true });
        if (current.revision !== checked.revision) throw new AppError('test_ca.no_checked_data');
        if (learn) await upsertSimulatedTaxRecord(tx, record, clock.now());
      },
    );
  }

  /**
   * «Тестовый УЦ», an employee's service certificate (ЭП-СП, seed 002 step 9: the certificate an
   * operator of the workstation signs in with): the person's checked ФИО and СНИЛС with the
   * organization's ОГРН, ИНН ЮЛ and name (Приказ ФСБ № 795, п. 17.2). Issued by the demo to the
   * demo operators only (DemoService): the caller has checked the employment.
   */
  async issueServiceCertificate(
    actor: Actor,
    accountId: string,
    organization: { ogrn: string; inn: string; fullName: string },
    request: { algorithm: 'gost2012_256'; pin: string; title: string },
  ): Promise<TestCaIssued> {
    assertAllowed(actor, 'demo.download_head_certificate');
    this.requireEnabled();
    const checked = await this.checkedPerson(this.deps.db, accountId);
    return this.issueChecked(
      {
        algorithm: request.algorithm,
        pin: request.pin,
        subject: {
          lastName: checked.lastName,
          firstName: checked.firstName,
          middleName: checked.middleName ?? undefined,
          snils: checked.snils,
          organization: organization.fullName,
          title: request.title,
          ogrn: organization.ogrn,
          innLe: organization.inn,
        },
      },
      { accountId, meta: { ip: null } },
      async (tx) => {
        const current = await this.checkedPerson(tx, accountId, { forUpdate: true });
        if (current.revision !== checked.revision) throw new AppError('test_ca.no_checked_data');
      },
    );
  }

  /**
   * «Тестовый УЦ», an information system's certificate (demo mode): the GOST R 34.10-2012 key its
   * ESIA client secrets are signed with, for the demo system DEMO_ESIA (db/seed.ts). The key is
   * returned to the caller, which seals it; the certificate is recorded as every issue is.
   */
  async issueSystemCertificate(systemName: string): Promise<{ der: Buffer; pkcs8: Buffer }> {
    const root = await this.ensureRoot();
    const { db, clock, cipher } = this.deps;
    const now = clock.now();
    const pair = generateKeyPair('gost2012_256');
    const serial = randomBytes(16);
    serial[0] &= 0x7f;
    if (serial[0] === 0) serial[0] = 1;
    const der = issueCertificate({
      subject: buildName({ country: 'RU', organization: 'OpenESIA (демо)', commonName: systemName }),
      subjectKey: pair.publicKey,
      serialNumber: serial,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 3 * 365 * 24 * 3600_000),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      crlUrls: [this.crlUrl],
      issuer: { name: buildNameOf(root.cert), spki: root.cert.publicKey.spki },
      signerKey: root.key,
    });
    const cert = parseCertificate(der);
    await db.transaction(async (tx) => {
      await insertTestCaCertificate(tx, {
        serialNumber: cert.serialNumber,
        certificateEncrypted: cipher.encrypt(
          der.toString('base64'),
          testCaCertificateContext(cert.serialNumber),
        ),
        snilsLookup: null,
        algorithm: 'gost2012_256',
        issuedAt: now,
        notAfter: cert.notAfter,
        issuedBy: null,
        revocationTokenHash: null,
      });
      await appendAudit(
        tx,
        {
          event: 'test_ca.certificate_issued',
          actorType: 'system',
          actorId: null,
          subjectId: null,
          ip: null,
          data: { serialNumber: cert.serialNumber, algorithm: 'gost2012_256' },
        },
        now,
      );
    });
    return { der, pkcs8: pair.privateKey.pkcs8 };
  }

  /** The account's checked ФИО and СНИЛС, or `test_ca.no_checked_data`. */
  private async checkedPerson(
    db: DbOrTx,
    accountId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<{
    lastName: string;
    firstName: string;
    middleName: string | null;
    snils: string;
    revision: number;
  }> {
    const account = options.forUpdate
      ? await getAccountForUpdate(db, accountId)
      : await getAccountById(db, accountId);
    const personal = options.forUpdate
      ? await findPersonalDataForUpdate(db, accountId)
      : await findPersonalData(db, accountId);
    // A submission puts the account at 'simplified' until both checks pass (domain/citizen/verification.ts).
    const checked =
      personal?.verificationState === 'passed' &&
      personal.snilsCheck === 'passed' &&
      personal.passportCheck === 'passed' &&
      (account.level === 'standard' || account.level === 'confirmed');
    if (!personal || !checked) throw new AppError('test_ca.no_checked_data');
    return {
      lastName: account.lastName,
      firstName: account.firstName,
      middleName: account.middleName,
      snils: this.deps.cipher.decrypt(personal.snilsEncrypted, accountId),
      revision: personal.revision,
    };
  }

  private async issueChecked(
    request: TestCaIssueRequest,
    actor: { accountId: string | null; meta: RequestMeta },
    recheck: (tx: DbOrTx) => Promise<void>,
  ): Promise<TestCaIssued> {
    const root = await this.ensureRoot();
    const input = testCaIssueRequestSchema.parse(request);
    const { db, clock, cipher, lookup } = this.deps;
    const now = clock.now();
    const notBefore = input.notBefore ? new Date(input.notBefore) : new Date(now.getTime() - 60_000);
    const notAfter = new Date(notBefore.getTime() + (input.validDays ?? 365) * 24 * 3600_000);
    const s = input.subject;
    const givenName = [s.firstName, s.middleName].filter(Boolean).join(' ');
    const personCn = [s.lastName, givenName].join(' ');
    const subject = buildName({
      country: 'RU',
      organization: s.organization,
      title: s.title,
      lastName: s.lastName,
      givenName,
      email: s.email,
      snils: s.snils,
      inn: s.inn,
      innLe: s.innLe,
      ogrn: s.ogrn,
      ogrnip: s.ogrnip,
      commonName: s.organization ?? personCn,
    });
    const pair = generateKeyPair(input.algorithm);
    // RFC 5280 4.1.2.2: positive, unique, at most 20 octets; 16 random octets with the top bit clear.
    const serial = randomBytes(16);
    serial[0] &= 0x7f;
    if (serial[0] === 0) serial[0] = 1;
    const der = issueCertificate({
      subject,
      subjectKey: pair.publicKey,
      serialNumber: serial,
      notBefore,
      notAfter,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      crlUrls: [this.crlUrl],
      issuer: { name: buildNameOf(root.cert), spki: root.cert.publicKey.spki },
      signerKey: root.key,
    });
    const cert = parseCertificate(der);
    const container = await makePkcs12({
      pkcs8: pair.privateKey.pkcs8,
      certificate: der,
      pin: input.pin,
      friendlyName: personCn,
      localKeyId: keyIdentifier(pair.publicKey.spki),
    });
    // Who may revoke it later: the signed-in account, or whoever holds this token (operator issues).
    const revocationToken = actor.accountId ? null : randomToken();
    const snils = cert.subject.snils?.replace(/\D/g, '') || null;
    await db.transaction(async (tx) => {
      await recheck(tx);
      await insertTestCaCertificate(tx, {
        serialNumber: cert.serialNumber,
        certificateEncrypted: cipher.encrypt(
          der.toString('base64'),
          testCaCertificateContext(cert.serialNumber),
        ),
        snilsLookup: snils ? lookup.hash('snils', snils) : null,
        algorithm: input.algorithm,
        issuedAt: now,
        notAfter,
        issuedBy: actor.accountId,
        revocationTokenHash: revocationToken
          ? lookup.hash('test_ca_revocation', `${cert.serialNumber}:${revocationToken}`)
          : null,
      });
      await appendAudit(
        tx,
        {
          event: 'test_ca.certificate_issued',
          actorType: actor.accountId ? 'citizen' : 'operator',
          actorId: actor.accountId,
          subjectId: actor.accountId,
          ip: actor.meta.ip,
          data: { serialNumber: cert.serialNumber, algorithm: input.algorithm },
        },
        now,
      );
    });
    return {
      serialNumber: cert.serialNumber,
      certificate: der.toString('base64'),
      container: container.toString('base64'),
      containerFormat: 'pkcs12',
      info: certificateInfo(cert),
      revocationToken,
    };
  }

  /**
   * A revocation asked for through the API: only by the account the certificate was issued to, or
   * — for an anonymous issue — with its revocation token. Anyone else, signed in or not, gets
   * `test_ca.not_yours`.
   */
  async requestRevocation(
    by: Actor,
    serialNumber: string,
    reason: keyof typeof REVOCATION_REASONS,
    request: { meta: RequestMeta; revocationToken?: string },
  ): Promise<{ serialNumber: string; revokedAt: string }> {
    assertAllowed(by, 'test_ca.revoke');
    // Only a citizen owns certificates (issuedBy); anyone else needs the revocation token.
    const actor = { ...request, accountId: by.kind === 'citizen' ? by.accountId : null };
    return this.revokeIf(serialNumber, reason, actor, (row, serial) =>
      row.issuedBy !== null
        ? row.issuedBy === actor.accountId
        : row.revocationTokenHash !== null &&
          !!actor.revocationToken &&
          safeEqualHex(
            this.deps.lookup.hash('test_ca_revocation', `${serial}:${actor.revocationToken}`),
            row.revocationTokenHash,
          ),
    );
  }

  /** The test CA's operator (the CLI on the server) revokes any of its certificates. */
  async revoke(
    serialNumber: string,
    reason: keyof typeof REVOCATION_REASONS,
    actor: { accountId: string | null; meta: RequestMeta },
  ): Promise<{ serialNumber: string; revokedAt: string }> {
    return this.revokeIf(serialNumber, reason, actor, () => true);
  }

  private async revokeIf(
    serialNumber: string,
    reason: keyof typeof REVOCATION_REASONS,
    actor: { accountId: string | null; meta: RequestMeta },
    allowed: (row: TestCaCertificateRow, serial: string) => boolean,
  ): Promise<{ serialNumber: string; revokedAt: string }> {
    this.requireEnabled();
    const { db, clock } = this.deps;
    const serial = serialNumber.toUpperCase();
    const now = clock.now();
    const revokedAt = await db.transaction(async (tx) => {
      const row = await findTestCaCertificate(tx, serial);
      if (!row) throw new AppError('not_found');
      if (!allowed(row, serial)) throw new AppError('test_ca.not_yours');
      if (row.revokedAt) return row.revokedAt;
      await revokeTestCaCertificate(tx, serial, now, REVOCATION_REASONS[reason]);
      await appendAudit(
        tx,
        {
          event: 'test_ca.certificate_revoked',
          actorType: actor.accountId ? 'citizen' : 'anonymous',
          actorId: actor.accountId,
          ip: actor.meta.ip,
          data: { serialNumber: serial, reason },
        },
        now,
      );
      return now;
    });
    this.crl = null;
    return { serialNumber: serial, revokedAt: revokedAt.toISOString() };
  }

  /**
   * The current CRL, re-issued after a revocation and well before its nextUpdate. The cached copy
   * is served only while the revocations in the database are those it was made from: a revocation
   * by another process (the CLI, a second instance) shows at the next check, as trustListVersion does.
   */
  async currentCrl(): Promise<{ der: Buffer; parsed: ParsedCrl }> {
    const root = await this.ensureRoot();
    const now = this.deps.clock.now();
    const version = await testCaRevocationVersion(this.deps.db);
    if (
      this.crl &&
      this.crl.version === version &&
      now.getTime() < this.crl.refreshAfter &&
      now.getTime() >= this.crl.parsed.thisUpdate.getTime()
    )
      return this.crl;
    const revoked = await listRevokedTestCaCertificates(this.deps.db);
    const crlNumber = await nextCrlNumber(this.deps.db);
    const der = issueCrl({
      issuerName: buildNameOf(root.cert),
      issuerSpki: root.cert.publicKey.spki,
      signerKey: root.key,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + CRL_LIFETIME_MS),
      crlNumber,
      revoked: revoked.map((r) => ({
        serialNumber: serialBytes(r.serialNumber),
        revokedAt: r.revokedAt!,
        reasonCode: r.revocationReason ?? undefined,
      })),
    });
    this.crl = {
      der,
      parsed: parseCrl(der),
      refreshAfter: now.getTime() + CRL_LIFETIME_MS / 2,
      version,
    };
    return this.crl;
  }
}

/** The issuer name exactly as the root certificate encodes it (chains match names byte for byte). */
function buildNameOf(cert: ParsedCertificate) {
  return nameFromDer(cert.subjectDer);
}

function nameFromDer(der: Buffer): pkijs.RelativeDistinguishedNames {
  return pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(der));
}
