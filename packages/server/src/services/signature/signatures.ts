import {
  formatSnils,
  type AccountSummary,
  type SignatureChallenge,
  type SignaturePurpose,
  type SignedPurpose,
} from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../audit/log.js';
import { auditingRefusals } from '../platform/refusals.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { ParsedCertificate } from '../../domain/signature/certificate.js';
import type { Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import { moscowDateTime } from '../../domain/shared/moscow-time.js';
import { parseSignature } from '../../domain/signature/cms.js';
import { assertSamePerson, certificateSnils } from '../../domain/signature/person.js';
import { bindToPurpose, isBoundTo } from '../../domain/signature/purpose.js';
import {
  verifyContentAndPath,
  verifyParsed,
  type LinkCache,
  type VerifiedSignature,
} from '../../domain/signature/verify.js';
import type { Clock } from '../../lib/clock.js';
import { newId, type FieldCipher, type LookupHasher } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { digest, digestFor } from '../../lib/pki/algorithms.js';
import { getAccountById, getAccountForUpdate } from '../../repositories/citizen/accounts.js';
import {
  findAccountIdBySnilsLookup,
  findPersonalData,
  findPersonalDataForUpdate,
} from '../../repositories/citizen/personal-data.js';
import { revokeSession } from '../../repositories/platform/sessions.js';
import {
  findChallenge,
  insertChallenge,
  useChallenge,
  type ChallengeRow,
} from '../../repositories/signature/challenges.js';
import { insertSignedDocument } from '../../repositories/signature/signed-documents.js';
import type { ConfirmationService } from '../citizen/confirmation.js';
import type { CrlService } from './crl.js';
import type { Authenticated, RequestMeta, SessionService } from '../platform/sessions.js';
import type { TrustListService } from './trust-list.js';

/** What a person is asked to sign lives five minutes and serves once (contracts/signature.ts). */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The СНИЛС as the signed statement shows it: the last five digits only («***-***-445 95»). The
 * statement is kept (signature_challenges.data, signed_documents) and 152-ФЗ ст. 5 ч. 5 asks for no
 * more personal data than the purpose needs; the full СНИЛС is compared with the certificate's.
 */
export function maskedSnils(digits: string): string {
  const formatted = formatSnils(digits);
  return `***-***-${formatted.slice(8)}`;
}

function decodeBase64(value: string): Buffer {
  const der = Buffer.from(value.replace(/\s+/g, ''), 'base64');
  if (!der.length) throw new AppError('signature.malformed');
  return der;
}

/** The fields of signed_documents that describe the signer, with the СНИЛС sealed (152-ФЗ ст. 19). */
export function sealedSigner(
  cipher: FieldCipher,
  lookup: LookupHasher,
  rowId: string,
  signer: ParsedCertificate | null,
): { signerSnilsEncrypted: Buffer | null; signerSnilsLookup: string | null; signerName: string | null } {
  const snils = signer?.subject.snils?.replace(/\D/g, '') || null;
  return {
    signerSnilsEncrypted: snils ? cipher.encrypt(snils, rowId) : null,
    signerSnilsLookup: snils ? lookup.hash('snils', snils) : null,
    signerName: signer?.subject.commonName ?? null,
  };
}

/**
 * Verification of qualified electronic signatures (63-ФЗ) and the two uses of seed 000: signing in
 * with a certificate («Войти с помощью электронной подписи») and confirming an account with one
 * (step 3, the third way). Every refusal is its own code and changes nothing but the audit log.
 */
export class SignatureService {
  /** Verified (certificate, issuer) links: the chain of a returning signer is checked once. */
  private readonly links: LinkCache = new Map();

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      cipher: FieldCipher;
      lookup: LookupHasher;
      sessions: SessionService;
      trustList: TrustListService;
      crls: CrlService;
      confirmation: Pick<ConfirmationService, 'confirmIdentity'>;
      logger: FastifyBaseLogger;
    },
  ) {}

  /**
   * The whole check of a detached CMS signature over `content`, at the clock's now: the domain's
   * steps (verifyContentAndPath, then verifyParsed), with the CRLs fetched in between, before any
   * transaction is opened. Whatever a parser or a library throws on hostile input is a signature
   * that does not verify (`signature.invalid`), never a 500.
   */
  async verify(signature: Uint8Array, content: Uint8Array): Promise<VerifiedSignature> {
    try {
      const anchors = await this.deps.trustList.anchors();
      const parsed = verifyContentAndPath(parseSignature(signature), content, anchors, this.links);
      const crls = await this.deps.crls.lookup(parsed.chain, this.links);
      return verifyParsed({ ...parsed, crls, now: this.deps.clock.now(), cache: this.links });
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.deps.logger.warn({ err }, 'signature verification failed unexpectedly; refused as invalid');
      throw new AppError('signature.invalid');
    }
  }

  /**
   * POST /api/signature/challenges: the text to sign for sign-in (anyone) or for confirming the
   * signed-in citizen's own account, bound to that purpose (domain/signature/purpose.ts).
   */
  async createChallenge(actor: Actor, requested: SignaturePurpose): Promise<SignatureChallenge> {
    const { db, clock, cipher } = this.deps;
    const now = clock.now();
    const nonce = randomBytes(12).toString('hex').toUpperCase();
    let text: string;
    let purpose: SignedPurpose;
    let personalDataRevision: number | null = null;
    if (requested === 'confirm') {
      assertAllowed(actor, 'citizen.confirm_by_signature');
      if (actor.kind !== 'citizen') throw new AppError('auth.forbidden');
      const accountId = actor.accountId;
      purpose = { kind: 'confirm', accountId };
      const account = await getAccountById(db, accountId);
      if (account.level === 'confirmed') throw new AppError('account.already_confirmed');
      if (account.level !== 'standard') throw new AppError('account.level_too_low');
      const personal = await findPersonalData(db, accountId);
      if (!personal) throw new AppError('account.level_too_low');
      personalDataRevision = personal.revision;
      const fio = [account.lastName, account.firstName, account.middleName].filter(Boolean).join(' ');
      const snils = maskedSnils(cipher.decrypt(personal.snilsEncrypted, accountId));
      text = `Я, ${fio}, СНИЛС ${snils}, прошу подтвердить мою учётную запись в ЕСИА с помощью квалифицированной электронной подписи. Дата: ${moscowDateTime(now)}. Код запроса: ${nonce}.`;
    } else {
      assertAllowed(actor, 'signature.sign_in');
      purpose = { kind: 'login' };
      text = `Вход в ЕСИА с помощью квалифицированной электронной подписи. Дата: ${moscowDateTime(now)}. Код запроса: ${nonce}.`;
    }
    const id = newId();
    const data = Buffer.from(bindToPurpose(text, purpose), 'utf8');
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await insertChallenge(db, {
      id,
      purpose: purpose.kind,
      accountId: purpose.kind === 'confirm' ? purpose.accountId : null,
      data,
      personalDataRevision,
      createdAt: now,
      expiresAt,
    });
    return {
      challengeId: id,
      dataToSign: data.toString('base64'),
      text: data.toString('utf8'),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * A challenge for a purpose of another context (organization.register, …): `text` is what the
   * person reads; the bytes end with the purpose's line (bindToPurpose). The caller has decided
   * the actor may sign it; the challenge is the account's own.
   */
  async createBoundChallenge(
    /** null: a sign-in, before anyone is known */
    accountId: string | null,
    purpose: SignedPurpose,
    text: string,
  ): Promise<SignatureChallenge> {
    const now = this.deps.clock.now();
    const id = newId();
    const data = Buffer.from(bindToPurpose(text, purpose), 'utf8');
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await insertChallenge(this.deps.db, {
      id,
      purpose: purpose.kind,
      accountId,
      data,
      createdAt: now,
      expiresAt,
    });
    return {
      challengeId: id,
      dataToSign: data.toString('base64'),
      text: data.toString('utf8'),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /**
   * The other half of createBoundChallenge: the account's unused, live challenge of `kind`, and the
   * signature verified over its bytes. The caller checks what the bytes are bound to (isBoundTo,
   * with the purpose it rebuilds from the signer and the request) and marks the challenge used
   * (useChallenge) in its own transaction.
   */
  async verifyBoundChallenge(
    accountId: string | null,
    kind: SignedPurpose['kind'],
    input: { challengeId: string; signature: string },
  ): Promise<{ challenge: ChallengeRow; signature: Buffer; verified: VerifiedSignature }> {
    if (!/^[0-9a-f-]{36}$/i.test(input.challengeId)) throw new AppError('signature.challenge_expired');
    const challenge = await findChallenge(this.deps.db, input.challengeId);
    if (!challenge || challenge.purpose !== kind || challenge.accountId !== accountId)
      throw new AppError('signature.challenge_expired');
    if (challenge.usedAt) throw new AppError('signature.challenge_used');
    if (challenge.expiresAt.getTime() < this.deps.clock.now().getTime())
      throw new AppError('signature.challenge_expired');
    const signature = decodeBase64(input.signature);
    const verified = await this.verify(signature, challenge.data);
    return { challenge, signature, verified };
  }

  /**
   * The challenge `id` if it was made for `purpose`: its row says so, and so do the bytes the
   * signature covers (isBoundTo), so a signature never serves another purpose or payload.
   */
  private async openChallenge(id: string, purpose: SignedPurpose): Promise<ChallengeRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('signature.challenge_expired');
    const row = await findChallenge(this.deps.db, id);
    // An unknown id, another purpose or another person's challenge: all "start again".
    if (
      !row ||
      row.purpose !== purpose.kind ||
      (purpose.kind === 'confirm' && row.accountId !== purpose.accountId) ||
      !isBoundTo(row.data, purpose)
    )
      throw new AppError('signature.challenge_expired');
    if (row.usedAt) throw new AppError('signature.challenge_used');
    if (row.expiresAt.getTime() < this.deps.clock.now().getTime())
      throw new AppError('signature.challenge_expired');
    return row;
  }

  /**
   * Sign-in by certificate: the person is the standard or confirmed account with the certificate's
   * СНИЛС whose checked surname, name and patronymic are the certificate's too (assertSamePerson,
   * the rule of confirmation by signature): a СНИЛС alone is not a person. A certificate naming
   * someone else gets the answer of an unknown СНИЛС (no account enumeration); the audit log keeps
   * the real reason against the account. The account is read locked inside the transaction that
   * opens the session, so a data change meanwhile is seen. A session the browser already had is
   * revoked in the same transaction, as the password sign-in does (session fixation).
   */
  async login(
    input: { challengeId: string; signature: string },
    meta: RequestMeta,
    current: Authenticated | null = null,
  ): Promise<{ token: string; account: AccountSummary }> {
    const { db, clock, lookup, sessions } = this.deps;
    let refusedFor: { accountId: string; reason: string } | null = null;
    return auditingRefusals(
      { db, now: () => clock.now() },
      async () => {
        const challenge = await this.openChallenge(input.challengeId, { kind: 'login' });
        const verified = await this.verify(decodeBase64(input.signature), challenge.data);
        const snils = certificateSnils(verified.signer.subject);
        const accountId = await findAccountIdBySnilsLookup(db, lookup.hash('snils', snils));
        if (!accountId) throw new AppError('signature.account_not_found');
        return await db.transaction(async (tx) => {
          const now = clock.now();
          const account = await getAccountForUpdate(tx, accountId);
          if (account.status !== 'active' || (account.level !== 'standard' && account.level !== 'confirmed'))
            throw new AppError('signature.account_not_found');
          try {
            // standard or confirmed: the account's names are those the registry checks confirmed
            assertSamePerson(verified.signer.subject, { ...account, snils });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            refusedFor = { accountId, reason: err.code };
            throw new AppError('signature.account_not_found');
          }
          if (!(await useChallenge(tx, challenge.id, now))) throw new AppError('signature.challenge_used');
          if (current) await revokeSession(tx, current.tokenHash, now);
          const token = await sessions.open(tx, account.id, 'signature', meta);
          await appendAudit(
            tx,
            {
              event: 'signature.login_succeeded',
              actorType: 'citizen',
              actorId: account.id,
              subjectId: account.id,
              ip: meta.ip,
              data: { certificate: verified.signer.serialNumber, issuer: verified.signer.issuerName },
            },
            now,
          );
          return { token, account: await sessions.summary(tx, account, 'signature') };
        });
      },
      (err) => {
        if (!err.code.startsWith('signature.')) return null;
        // set inside the transaction's callback, which TypeScript's narrowing does not follow
        const refused = refusedFor as { accountId: string; reason: string } | null;
        return {
          event: 'signature.login_failed',
          actorType: 'anonymous',
          subjectId: refused?.accountId ?? null,
          ip: meta.ip,
          data: { reason: refused?.reason ?? err.code },
        };
      },
    );
  }

  /**
   * Confirmation by signature (seed 000, step 3): a standard account whose surname, name, patronymic
   * and СНИЛС are those of the certificate becomes confirmed. The comparison is made inside the
   * transaction, on the account and personal data locked there, and only with the personal-data
   * revision the signed statement was made from; ConfirmationService.confirmIdentity — the one place
   * that confirms — then raises the level, audits and tells the person. The signed statement is
   * kept as evidence.
   */
  async confirm(
    actor: Actor,
    accountId: string,
    authMethod: 'password' | 'signature',
    input: { challengeId: string; signature: string },
    meta: RequestMeta,
  ): Promise<AccountSummary> {
    assertAllowed(actor, 'citizen.confirm_by_signature', { accountId });
    const { db, clock, cipher, sessions, confirmation } = this.deps;
    const before = await getAccountById(db, accountId);
    if (before.level === 'confirmed') throw new AppError('account.already_confirmed');
    if (before.level !== 'standard') throw new AppError('account.level_too_low');
    return auditingRefusals(
      { db, now: () => clock.now() },
      async () => {
        const challenge = await this.openChallenge(input.challengeId, { kind: 'confirm', accountId });
        const signatureDer = decodeBase64(input.signature);
        // Verification (and the CRL download it needs) before the transaction: PGlite has one connection.
        const verified = await this.verify(signatureDer, challenge.data);
        return await db.transaction(async (tx) => {
          const now = clock.now();
          const account = await getAccountForUpdate(tx, accountId);
          if (account.level === 'confirmed') throw new AppError('account.already_confirmed');
          if (account.level !== 'standard') throw new AppError('account.level_too_low');
          const personal = await findPersonalDataForUpdate(tx, accountId);
          if (!personal) throw new AppError('account.level_too_low');
          if (personal.revision !== challenge.personalDataRevision)
            throw new AppError('signature.data_changed');
          assertSamePerson(verified.signer.subject, {
            lastName: account.lastName,
            firstName: account.firstName,
            middleName: account.middleName,
            snils: cipher.decrypt(personal.snilsEncrypted, accountId),
          });
          if (!(await useChallenge(tx, challenge.id, now))) throw new AppError('signature.challenge_used');
          await this.keepSignedStatement(tx, accountId, challenge.data, signatureDer, verified.signer, now);
          await confirmation.confirmIdentity(
            tx,
            account,
            'signature',
            {
              actorType: 'citizen',
              actorId: accountId,
              ip: meta.ip ?? null,
              data: { certificate: verified.signer.serialNumber, issuer: verified.signer.issuerName },
            },
            now,
          );
          return sessions.summary(
            tx,
            { ...account, level: 'confirmed', confirmationMethod: 'signature', confirmedAt: now },
            authMethod,
          );
        });
      },
      (err) =>
        err.code.startsWith('signature.')
          ? {
              event: 'signature.confirmation_failed',
              actorType: 'citizen',
              actorId: accountId,
              subjectId: accountId,
              ip: meta.ip,
              data: { reason: err.code },
            }
          : null,
    );
  }

  private async keepSignedStatement(
    tx: DbOrTx,
    accountId: string,
    statement: Buffer,
    signature: Buffer,
    signer: ParsedCertificate,
    now: Date,
  ): Promise<void> {
    const { cipher, lookup } = this.deps;
    const algorithm = digestFor[signer.publicKey.algorithm];
    const id = newId();
    await insertSignedDocument(tx, {
      id,
      accountId,
      documentType: 'account_confirmation',
      documentHash: digest(algorithm, statement).toString('hex'),
      hashAlgorithm: algorithm,
      signature,
      certificate: signer.der,
      ...sealedSigner(cipher, lookup, id, signer),
      result: 'valid',
      verifiedAt: now,
    });
  }
}
