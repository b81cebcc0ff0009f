import { personalDataInputSchema, type TestCaIssueRequest } from '@openesia/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  accounts,
  auditLog,
  personalData,
  sessions,
  signatureChallenges,
  signedDocuments,
  testCaCertificates,
  trustedRoots,
} from '../../src/db/schema/index.js';
import { parseSignature } from '../../src/domain/signature/cms.js';
import { parseCrl } from '../../src/domain/signature/crl.js';
import { revokeTestCaCertificate } from '../../src/repositories/signature/test-ca.js';
import { testCaCertificateContext } from '../../src/services/signature/test-ca.js';
import { TrustListService } from '../../src/services/signature/trust-list.js';
import { ManualClock } from '../../src/lib/clock.js';
import { FieldCipher, LookupHasher } from '../../src/lib/crypto.js';
import { readPrivateKey } from '../../src/lib/pki/algorithms.js';
import { decodeDerOrPem } from '@openesia/pki';
import { withExtraCertificates } from '@openesia/pki/test-support';
import { signDetached } from '../../src/lib/pki/issue.js';
import { readPkcs12 } from '../../src/lib/pki/pkcs12.js';
import { grantRole } from '../../src/repositories/platform/roles.js';
import {
  createSimplifiedCitizen,
  createStandardCitizen,
  uniqueSnils,
  validPersonalData,
  waitForMessage,
  type CreatedStandardCitizen,
} from '../support/factories.js';
import { eventually, TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { issueTestCertificate, openTestCertificate, type TestCertificate } from '../support/test-ca.js';
import { fixture } from '../unit/signature/fixtures.js';
import { systemActor } from '../../src/domain/policy/actor.js';

const PIN = '12345678';
const DAY = 24 * 3600_000;

let system: TestSystem;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  // The file issues dozens of certificates from one address; the limits have their own tests.
  system = await startTestSystem({ clock, env: { RATE_LIMITS: 'false' } });
});
afterAll(() => system.stop());

async function signedIn(citizen: { phone?: string; password: string }): Promise<TestClient> {
  const client = new TestClient(system.app);
  const res = await client.post('/api/login', { login: citizen.phone, password: citizen.password });
  expect(res.status).toBe(200);
  return client;
}

type Token = TestCertificate;

/**
 * A certificate of the test CA for any subject, issued as its operator does (test support code,
 * not the public API, which issues only for the signed-in person's own checked data).
 */
function issue(
  body: Omit<TestCaIssueRequest, 'algorithm' | 'pin'> & Partial<Pick<TestCaIssueRequest, 'algorithm'>>,
  issuedTo?: string,
): Promise<Token> {
  return issueTestCertificate(system, body, { issuedTo });
}

function personOf(c: CreatedStandardCitizen) {
  return {
    lastName: c.personalData.lastName,
    firstName: c.personalData.firstName,
    middleName: c.personalData.middleName || undefined,
    snils: c.snils,
  };
}

async function challenge(client: TestClient, purpose: 'login' | 'confirm') {
  const res = await client.post('/api/signature/challenges', { purpose });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return {
    id: res.body.challengeId as string,
    data: Buffer.from(res.body.dataToSign, 'base64'),
    text: res.body.text as string,
  };
}

const cipher = () => new FieldCipher(system.config.dataEncryptionKey);
const lookup = () => new LookupHasher(system.config.lookupHashKey);

async function levelOf(accountId: string) {
  const [row] = await system.database.db.select().from(accounts).where(eq(accounts.id, accountId));
  return row;
}

describe('sign-in with a qualified signature', () => {
  it('refuses a signature carrying more than 10 certificates with 400 signature.too_many_certificates', async () => {
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    const padded = withExtraCertificates(fixture('person.p7s'), Array(10).fill(fixture('root.der')));

    const res = await sut.post('/api/signature/login', {
      challengeId: c.id,
      signature: padded.toString('base64'),
    });

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'signature.too_many_certificates' } });
  });

  it('signs a standard citizen in by the СНИЛС of the certificate, with authMethod signature', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    expect(c.text).toMatch(/^Вход в ЕСИА с помощью квалифицированной электронной подписи/);

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: citizen.id, authMethod: 'signature', level: 'standard' });
    const session = await sut.get('/api/session');
    expect(session.body.account).toMatchObject({ id: citizen.id, authMethod: 'signature' });
    const events = await system.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'signature.login_succeeded'), eq(auditLog.subjectId, citizen.id)));
    expect(events).toHaveLength(1);
  });

  it('refuses a second use of the same challenge', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    const signature = token.sign(c.data);
    expect((await sut.post('/api/signature/login', { challengeId: c.id, signature })).status).toBe(200);

    const again = await new TestClient(system.app).post('/api/signature/login', {
      challengeId: c.id,
      signature,
    });

    expect(again.body.error.code).toBe('signature.challenge_used');
  });

  it('refuses a challenge older than five minutes', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    clock.advance(5 * 60_000 + 1000);

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.body.error.code).toBe('signature.challenge_expired');
  });

  it('refuses a certificate whose СНИЛС belongs to no account', async () => {
    const token = await issue({
      subject: { lastName: 'Никто', firstName: 'Никто', snils: '123-456-789 64' },
    });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('signature.account_not_found');
    expect((await sut.get('/api/session')).body.account).toBeNull();
  });
});

describe('sign-in by signature needs the person, not only their СНИЛС', () => {
  it('refuses a certificate for a СНИЛС nobody had claimed once its owner saves it, answering as for an unknown СНИЛС', async () => {
    // Someone had a certificate made for a СНИЛС before its owner registered...
    const snils = uniqueSnils();
    const token = await issue({
      subject: { lastName: 'Захватов', firstName: 'Семён', snils },
    });
    // ...then the owner saves it and the registry checks confirm their own ФИО.
    const owner = await createStandardCitizen(system, { personalData: { snils } });
    const failedBefore = await auditCount('signature.login_failed', 'signature.name_mismatch');
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('signature.account_not_found');
    expect((await sut.get('/api/session')).body.account).toBeNull();
    // The owner's security history keeps the real reason.
    expect(await auditCount('signature.login_failed', 'signature.name_mismatch')).toBe(failedBefore + 1);
    const [entry] = await system.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'signature.login_failed'), eq(auditLog.subjectId, owner.id)));
    expect(entry.data).toMatchObject({ reason: 'signature.name_mismatch' });
  });

  it('signs in with a certificate whose name differs only in case, Ё/Е and without the patronymic', async () => {
    const citizen = await createStandardCitizen(system, { lastName: 'Семёнов', firstName: 'Пётр' });
    const token = await issue({
      subject: { lastName: 'СЕМЕНОВ', firstName: 'петр', snils: citizen.snils },
    });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.id).toBe(citizen.id);
  });

  it('revokes the certificate of a СНИЛС’s former holder when another person — a namesake too — claims it', async () => {
    const former = await createStandardCitizen(system);
    const issued = await (
      await signedIn(former)
    ).post('/api/test-ca/my-certificate', {
      algorithm: 'ecdsa_p256',
      pin: PIN,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const token = await openTestCertificate(issued.body);
    // The former holder moves to another СНИЛС, which frees theirs...
    await system.services.personalData.submit(
      systemActor('test'),
      former.id,
      personalDataInputSchema.parse(validPersonalData({ snils: uniqueSnils() })),
    );
    // ...and a person with the same ФИО saves it and passes the checks.
    const namesake = await createStandardCitizen(system, { personalData: { snils: former.snils } });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.body.error.code).toBe('signature.certificate_revoked');
    expect((await sut.get('/api/session')).body.account).toBeNull();
    const [entry] = await system.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, 'test_ca.certificate_revoked'), eq(auditLog.subjectId, namesake.id)));
    expect(entry.data).toMatchObject({ serialNumbers: [issued.body.serialNumber], cause: 'snils_claimed' });
  });

  it('refuses a certificate with the account’s name and СНИЛС while new data is being checked', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    await system.database.db.update(accounts).set({ level: 'simplified' }).where(eq(accounts.id, citizen.id));
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.body.error.code).toBe('signature.account_not_found');
  });
});

describe('confirmation of an account with a qualified signature', () => {
  it('confirms a standard account whose name and СНИЛС match the certificate', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);
    const token = await issue({ subject: personOf(citizen) });
    const c = await challenge(sut, 'confirm');
    expect(c.text).toContain(
      `Я, ${citizen.personalData.lastName} ${citizen.personalData.firstName} ${citizen.personalData.middleName}`,
    );

    const res = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      level: 'confirmed',
      confirmationMethod: 'signature',
      authMethod: 'password',
    });
    expect((await levelOf(citizen.id)).level).toBe('confirmed');
    const [doc] = await system.database.db
      .select()
      .from(signedDocuments)
      .where(eq(signedDocuments.accountId, citizen.id));
    expect(doc).toMatchObject({ documentType: 'account_confirmation', result: 'valid' });
    // The signer's СНИЛС is kept sealed (152-ФЗ ст. 19), bound to its row, and findable by its HMAC.
    expect(doc).not.toHaveProperty('signerSnils');
    expect(cipher().decrypt(doc.signerSnilsEncrypted!, doc.id)).toBe(citizen.snils);
    expect(() => cipher().decrypt(doc.signerSnilsEncrypted!, citizen.id)).toThrow();
    expect(doc.signerSnilsLookup).toBe(lookup().hash('snils', citizen.snils));
  });

  it('confirms with a certificate issued through «my certificate» from the account data', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);
    const res = await sut.post('/api/test-ca/my-certificate', { algorithm: 'ecdsa_p256', pin: PIN });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.info.subject).toMatchObject({
      snils: citizen.snils,
      lastName: citizen.personalData.lastName,
    });
    const { pkcs8, certificate } = await readPkcs12(Buffer.from(res.body.container, 'base64'), PIN);
    const c = await challenge(sut, 'confirm');

    const confirmed = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: signDetached(c.data, certificate, readPrivateKey(pkcs8)).toString('base64'),
    });

    expect(confirmed.body.level).toBe('confirmed');
  });

  it('refuses a simplified account before anything is signed', async () => {
    const citizen = await createSimplifiedCitizen(system);
    const sut = await signedIn(citizen);

    const res = await sut.post('/api/signature/challenges', { purpose: 'confirm' });

    expect(res.body.error.code).toBe('account.level_too_low');
  });

  it('asks to sign in before confirming', async () => {
    const res = await new TestClient(system.app).post('/api/signature/challenges', { purpose: 'confirm' });
    expect(res.body.error.code).toBe('auth.required');
  });

  describe('refuses bad input, each with its own code, and changes nothing', () => {
    let citizen: CreatedStandardCitizen;
    let sut: TestClient;

    beforeAll(async () => {
      citizen = await createStandardCitizen(system);
      sut = await signedIn(citizen);
    });

    async function attempt(
      sign: (data: Buffer) => string | Promise<string>,
      options: { before?: () => void } = {},
    ) {
      const c = await challenge(sut, 'confirm');
      options.before?.();
      const res = await sut.post('/api/me/confirmation/signature', {
        challengeId: c.id,
        signature: await sign(c.data),
      });
      expect((await levelOf(citizen.id)).level).toBe('standard');
      return res;
    }

    it('an expired certificate', async () => {
      const token = await issue({
        subject: personOf(citizen),
        validDays: 1,
        notBefore: new Date(clock.now().getTime() - 2 * DAY).toISOString(),
      });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.certificate_expired');
    });

    it('a certificate not yet valid', async () => {
      const token = await issue({
        subject: personOf(citizen),
        notBefore: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
      });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.certificate_not_yet_valid');
    });

    it('a revoked certificate', async () => {
      const token = await issue({ subject: personOf(citizen) }, citizen.id);
      const revoked = await sut.post(`/api/test-ca/certificates/${token.serialNumber}/revoke`, {
        reason: 'keyCompromise',
      });
      expect(revoked.status).toBe(200);
      expect((await attempt(token.sign)).body.error.code).toBe('signature.certificate_revoked');
    });

    it('a certificate of a CA missing from the trust list', async () => {
      const key = readPrivateKey(decodeDerOrPem(fixture('untrusted.key.pem'))!);
      const res = await attempt((data) =>
        signDetached(data, fixture('untrusted.der'), key).toString('base64'),
      );
      expect(res.body.error.code).toBe('signature.untrusted_issuer');
    });

    it('a key whose certificate does not allow signing', async () => {
      // Only an operator's upload can bring the fixture CA (and its encryption-only certificate) in.
      const operator = await createSimplifiedCitizen(system);
      await grantRole(system.database.db, operator.id, 'federal_operator', clock.now());
      const op = await signedIn(operator);
      const added = await op.post('/api/registry/trust-list', {
        certificate: fixture('root.der').toString('base64'),
      });
      try {
        const key = readPrivateKey(decodeDerOrPem(fixture('wrong-key-usage.key.pem'))!);
        const res = await attempt((data) =>
          signDetached(data, fixture('wrong-key-usage.der'), key).toString('base64'),
        );
        expect(res.body.error.code).toBe('signature.wrong_key_usage');
      } finally {
        await op.request('DELETE', `/api/registry/trust-list/${added.body.id}`);
      }
    });

    it('tampered content', async () => {
      const token = await issue({ subject: personOf(citizen) });
      const res = await attempt((data) => token.sign(Buffer.concat([data, Buffer.from(' ')])));
      expect(res.body.error.code).toBe('signature.invalid');
    });

    it('a certificate with another person’s name', async () => {
      const token = await issue({ subject: { ...personOf(citizen), lastName: 'Сидоров' } });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.name_mismatch');
    });

    it('a certificate with another СНИЛС', async () => {
      const token = await issue({ subject: { ...personOf(citizen), snils: '123-456-789 64' } });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.snils_mismatch');
    });

    it('a certificate without СНИЛС', async () => {
      const token = await issue({ subject: { ...personOf(citizen), snils: undefined } });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.no_snils');
    });

    it('a file that is not a signature', async () => {
      const res = await attempt(() => fixture('foreign-text.bin').toString('base64'));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('signature.malformed');
    });

    it('a certificate instead of a signature', async () => {
      expect((await attempt(() => fixture('person.der').toString('base64'))).body.error.code).toBe(
        'signature.malformed',
      );
    });
  });
});

describe('trust list of the federal operator', () => {
  it('lets only the federal operator see and change the list, auditing each change', async () => {
    const citizen = await createSimplifiedCitizen(system);
    const sut = await signedIn(citizen);
    expect((await sut.get('/api/registry/trust-list')).body.error.code).toBe('auth.forbidden');
    await grantRole(system.database.db, citizen.id, 'federal_operator', clock.now());

    const added = await sut.post('/api/registry/trust-list', {
      certificate: fixture('other-root.der').toString('base64'),
      crlUrls: ['http://fixtures.openesia.test/other.crl'],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ name: 'Посторонний УЦ', ogrn: '1027700132195', source: 'upload' });
    expect(
      (
        await sut.post('/api/registry/trust-list', {
          certificate: fixture('other-root.der').toString('base64'),
        })
      ).body.error.code,
    ).toBe('trust_list.duplicate');
    expect(
      (await sut.post('/api/registry/trust-list', { certificate: fixture('person.der').toString('base64') }))
        .body.error.code,
    ).toBe('trust_list.not_a_ca');
    const list = await sut.get('/api/registry/trust-list');
    expect(list.body.roots.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['Посторонний УЦ', 'Тестовый УЦ OpenESIA']),
    );

    const removed = await sut.request('DELETE', `/api/registry/trust-list/${added.body.id}`);
    expect(removed.status).toBe(204);
    // Excluded, not erased: the row and its history stay, and it anchors nothing any more.
    const after = await sut.get('/api/registry/trust-list');
    expect(after.body.roots.find((r: any) => r.id === added.body.id)).toMatchObject({
      status: 'revoked',
      excludedAt: clock.now().toISOString(),
    });
    const anchors = await system.services.trustList.anchors();
    expect(anchors.some((a) => a.id === added.body.id)).toBe(false);
    const readded = await sut.post('/api/registry/trust-list', {
      certificate: fixture('other-root.der').toString('base64'),
    });
    expect(readded.body).toMatchObject({ id: added.body.id, status: 'active', excludedAt: null });
    await sut.request('DELETE', `/api/registry/trust-list/${added.body.id}`);
    const events = await system.database.db.select().from(auditLog).where(eq(auditLog.actorId, citizen.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['trust.root_added', 'trust.root_removed']),
    );
  });

  it('imports the accredited CAs of a trust-list XML and skips the others', async () => {
    // A database of its own: the other tests here add and exclude the same fixture root.
    const own = await startTestSystem({ clock, env: { RATE_LIMITS: 'false' } });
    try {
      await importsIn(own);
    } finally {
      await own.stop();
    }
  });

  async function importsIn(system: TestSystem) {
    const citizen = await createSimplifiedCitizen(system);
    await grantRole(system.database.db, citizen.id, 'federal_operator', clock.now());
    const sut = new TestClient(system.app);
    expect((await sut.post('/api/login', { login: citizen.phone, password: citizen.password })).status).toBe(
      200,
    );

    const res = await sut.post('/api/registry/trust-list/import', {
      xml: fixture('trust-list.xml').toString('utf8'),
    });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ added: 1, skipped: 1 });
    const [row] = await system.database.db
      .select()
      .from(trustedRoots)
      .where(eq(trustedRoots.name, 'АО «Фикстурный УЦ»'));
    expect(row).toMatchObject({
      ogrn: '1027700132195',
      registryNumber: '999',
      crlUrls: ['http://fixtures.openesia.test/root.crl'],
      source: 'xml',
    });
    expect(
      (await sut.post('/api/registry/trust-list/import', { xml: '<a>не перечень</a>' })).body.error.code,
    ).toBe('trust_list.invalid_xml');

    // A root the operator excluded stays excluded when the list is imported again.
    expect((await sut.request('DELETE', `/api/registry/trust-list/${row.id}`)).status).toBe(204);
    const again = await sut.post('/api/registry/trust-list/import', {
      xml: fixture('trust-list.xml').toString('utf8'),
    });
    expect(again.body).toEqual({ added: 0, skipped: 2 });
    const [kept] = await system.database.db.select().from(trustedRoots).where(eq(trustedRoots.id, row.id));
    expect(kept.status).toBe('revoked');
  }
});

describe('test CA outside demo mode', () => {
  it('is refused, to a signed-in person too', async () => {
    const other = await startTestSystem({ env: { DEMO_MODE: 'false' } });
    try {
      const citizen = await createStandardCitizen(other);
      const client = new TestClient(other.app);
      expect(
        (await client.post('/api/login', { login: citizen.phone, password: citizen.password })).status,
      ).toBe(200);

      const res = await client.post('/api/test-ca/my-certificate', { algorithm: 'gost2012_256', pin: PIN });
      const root = await new TestClient(other.app).get('/api/test-ca/root');

      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('test_ca.disabled');
      expect(root.body.error.code).toBe('test_ca.disabled');
    } finally {
      await other.stop();
    }
  });
});

/** How many audit entries of `event` give `reason`: the clock is manual, so count, not compare times. */
async function auditCount(event: string, reason: string): Promise<number> {
  const rows = await system.database.db.select().from(auditLog).where(eq(auditLog.event, event));
  return rows.filter((r) => (r.data as { reason?: string }).reason === reason).length;
}

describe('hostile signature values at sign-in', () => {
  it('refuses an all-zero GOST signature as invalid (not a 500) and audits the refusal', async () => {
    const token = await issue({
      subject: { lastName: 'Нулев', firstName: 'Ноль', snils: uniqueSnils() },
    });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    const der = Buffer.from(token.sign(c.data), 'base64');
    const value = Buffer.from(parseSignature(der).signature);
    der.fill(0, der.indexOf(value), der.indexOf(value) + value.length);
    const audited = await auditCount('signature.login_failed', 'signature.invalid');

    const res = await sut.post('/api/signature/login', {
      challengeId: c.id,
      signature: der.toString('base64'),
    });

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('signature.invalid');
    expect(await auditCount('signature.login_failed', 'signature.invalid')).toBe(audited + 1);
  });

  it('turns an unexpected failure while verifying into an audited invalid signature, not a 500', async () => {
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    const spy = vi
      .spyOn(system.services.trustList, 'anchors')
      .mockRejectedValueOnce(new TypeError('Cannot read properties of undefined'));
    const audited = await auditCount('signature.login_failed', 'signature.invalid');
    try {
      const res = await sut.post('/api/signature/login', {
        challengeId: c.id,
        signature: fixture('person.p7s').toString('base64'),
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('signature.invalid');
    } finally {
      spy.mockRestore();
    }
    expect(await auditCount('signature.login_failed', 'signature.invalid')).toBe(audited + 1);
  });
});

describe('sign-in by signature and the session the browser already had', () => {
  it('revokes the previous session of the browser (session fixation), as password sign-in does', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);
    const token = await issue({ subject: personOf(citizen) });
    const [before] = await system.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, citizen.id), isNull(sessions.revokedAt)));
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [old] = await system.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, before.tokenHash));
    expect(old.revokedAt).not.toBeNull();
    expect((await sut.get('/api/session')).body.account).toMatchObject({
      id: citizen.id,
      authMethod: 'signature',
    });
  });
});

describe('test CA: a certificate only for one’s own checked data', () => {
  it('has no route that issues a certificate for a name and СНИЛС given in the request', async () => {
    const citizen = await createStandardCitizen(system);
    const body = { algorithm: 'ecdsa_p256', pin: PIN, subject: personOf(citizen) };

    const anonymous = await new TestClient(system.app).post('/api/test-ca/certificates', body);
    const signedInAsOther = await (
      await signedIn(await createStandardCitizen(system))
    ).post('/api/test-ca/certificates', body);

    // The same structured answer whether the СНИЛС has an account or not: nothing to enumerate.
    expect([anonymous.status, signedInAsOther.status]).toEqual([404, 404]);
    expect(anonymous.body.error.code).toBe('not_found');
    expect(signedInAsOther.body.error.code).toBe('not_found');
  });

  it('issues «my certificate» with the account’s checked ФИО and СНИЛС, whatever the request names', async () => {
    const citizen = await createStandardCitizen(system);
    const stranger = await createStandardCitizen(system, { lastName: 'Сидоров', firstName: 'Пётр' });
    const sut = await signedIn(citizen);

    const res = await sut.post('/api/test-ca/my-certificate', {
      algorithm: 'ecdsa_p256',
      pin: PIN,
      subject: personOf(stranger),
    });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.info.subject).toMatchObject({
      lastName: citizen.personalData.lastName,
      firstName: citizen.personalData.firstName,
      middleName: citizen.personalData.middleName,
      snils: citizen.snils,
    });
    expect(res.body.revocationToken).toBeNull();
  });

  it('refuses a certificate to a person without checked data: none saved, or checks failed', async () => {
    const simplified = await createSimplifiedCitizen(system);
    const failed = await createSimplifiedCitizen(system);
    await system.services.personalData.submit(
      systemActor('test'),
      failed.id,
      personalDataInputSchema.parse(validPersonalData({ snils: uniqueSnils('900') })),
    );
    await eventually(
      async () =>
        (await system.services.personalData.view(systemActor('test'), failed.id)).verification.state ===
        'failed',
    );

    for (const citizen of [simplified, failed]) {
      const res = await (
        await signedIn(citizen)
      ).post('/api/test-ca/my-certificate', {
        algorithm: 'ecdsa_p256',
        pin: PIN,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('test_ca.no_checked_data');
    }
    const anonymous = await new TestClient(system.app).post('/api/test-ca/my-certificate', {
      algorithm: 'ecdsa_p256',
      pin: PIN,
    });
    expect(anonymous.body.error.code).toBe('auth.required');
  });

  it('refuses a certificate while new data is being checked', async () => {
    const citizen = await createStandardCitizen(system);
    await system.database.db
      .update(personalData)
      .set({ verificationState: 'in_progress', snilsCheck: 'in_progress' })
      .where(eq(personalData.accountId, citizen.id));
    await system.database.db.update(accounts).set({ level: 'simplified' }).where(eq(accounts.id, citizen.id));

    const res = await (
      await signedIn(citizen)
    ).post('/api/test-ca/my-certificate', {
      algorithm: 'ecdsa_p256',
      pin: PIN,
    });

    expect(res.body.error.code).toBe('test_ca.no_checked_data');
  });

  it('keeps the certificate and its СНИЛС encrypted at rest, found by the СНИЛС’s keyed hash', async () => {
    const citizen = await createStandardCitizen(system);
    const res = await (
      await signedIn(citizen)
    ).post('/api/test-ca/my-certificate', {
      algorithm: 'ecdsa_p256',
      pin: PIN,
    });
    const [row] = await system.database.db
      .select()
      .from(testCaCertificates)
      .where(eq(testCaCertificates.serialNumber, res.body.serialNumber));

    const der = Buffer.from(res.body.certificate, 'base64');
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(citizen.snils);
    expect(stored).not.toContain(citizen.personalData.lastName);
    expect(row.certificateEncrypted!.includes(der)).toBe(false);
    const context = testCaCertificateContext(res.body.serialNumber);
    expect(cipher().decrypt(row.certificateEncrypted!, context)).toBe(der.toString('base64'));
    expect(() => cipher().decrypt(row.certificateEncrypted!, citizen.id)).toThrow();
    expect(row.snilsLookup).toBe(lookup().hash('snils', citizen.snils));
    expect(row.issuedBy).toBe(citizen.id);
  });

  it('lets an operator’s issue be revoked only with its revocation token', async () => {
    const issued = await issue({
      algorithm: 'ecdsa_p256',
      subject: { lastName: 'Никтов', firstName: 'Пётр', snils: uniqueSnils() },
    });
    expect(issued.issued.revocationToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const anyone = new TestClient(system.app);
    const url = `/api/test-ca/certificates/${issued.serialNumber}/revoke`;
    const someone = await signedIn(await createSimplifiedCitizen(system));

    const without = await anyone.post(url, {});
    const wrong = await anyone.post(url, { revocationToken: 'x'.repeat(43) });
    const bySomeone = await someone.post(url, {});
    const withToken = await anyone.post(url, { revocationToken: issued.issued.revocationToken });

    expect([without.status, wrong.status, bySomeone.status]).toEqual([403, 403, 403]);
    expect(without.body.error.code).toBe('test_ca.not_yours');
    expect(withToken.status, JSON.stringify(withToken.body)).toBe(200);
  });

  it('lets a certificate issued to an account be revoked only by that account', async () => {
    const citizen = await createStandardCitizen(system);
    const owner = await signedIn(citizen);
    const issued = await owner.post('/api/test-ca/my-certificate', { algorithm: 'ecdsa_p256', pin: PIN });
    expect(issued.body.revocationToken).toBeNull();
    const url = `/api/test-ca/certificates/${issued.body.serialNumber}/revoke`;
    const other = await signedIn(await createSimplifiedCitizen(system));

    expect((await new TestClient(system.app).post(url, {})).body.error.code).toBe('test_ca.not_yours');
    expect((await other.post(url, {})).body.error.code).toBe('test_ca.not_yours');
    expect((await owner.post(url, {})).status).toBe(200);
  });
});

describe('test CA root and demo mode', () => {
  it('anchors the test CA root only while demo mode is on', async () => {
    await system.services.testCa.ensureRoot();
    const rootDer = await system.services.testCa.rootCertificate();
    const listFor = (demoMode: boolean) =>
      new TrustListService({ db: system.database.db, clock, config: { demoMode } }).anchors();

    const demo = await listFor(true);
    const production = await listFor(false);

    expect(demo.some((a) => a.cert.der.equals(rootDer))).toBe(true);
    expect(production.some((a) => a.cert.der.equals(rootDer))).toBe(false);
  });
});

describe('test CA CRL across processes', () => {
  it('serves a fresh CRL when a certificate was revoked by another process since it was cached', async () => {
    const token = await issue({
      subject: { lastName: 'Отзывов', firstName: 'Пётр', snils: uniqueSnils() },
    });
    const cached = await system.services.testCa.currentCrl();
    expect(cached.parsed.revoked.has(token.serialNumber)).toBe(false);

    // The CLI (another process) revokes through the database, not through this service.
    await revokeTestCaCertificate(system.database.db, token.serialNumber, clock.now(), 1);

    const sut = await system.services.testCa.currentCrl();
    expect(parseCrl(sut.der).revoked.has(token.serialNumber)).toBe(true);
  });
});

describe('confirmation by signature goes through the one confirmIdentity', () => {
  it('tells the person «Личность подтверждена» like every other way of confirming', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);
    const token = await issue({ subject: personOf(citizen) });
    const c = await challenge(sut, 'confirm');
    const since = clock.now();

    const res = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const message = await waitForMessage(system, citizen.phone!, since, /подтверждена/);
    expect(message.body).toContain('Ваша учётная запись подтверждена');
  });

  it('refuses when the personal data changed after the statement was made, and confirms nothing', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);
    const token = await issue({ subject: personOf(citizen) });
    const c = await challenge(sut, 'confirm');
    await system.database.db
      .update(personalData)
      .set({ revision: sql`${personalData.revision} + 1` })
      .where(eq(personalData.accountId, citizen.id));

    const res = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('signature.data_changed');
    expect((await levelOf(citizen.id)).level).toBe('standard');
  });

  it('keeps only the last digits of the СНИЛС in the signed statement', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);

    const c = await challenge(sut, 'confirm');

    const formatted = `${citizen.snils.slice(0, 3)}-${citizen.snils.slice(3, 6)}-${citizen.snils.slice(6, 9)} ${citizen.snils.slice(9)}`;
    expect(c.text).toContain(`СНИЛС ***-***-${formatted.slice(8)}`);
    const [row] = await system.database.db
      .select()
      .from(signatureChallenges)
      .where(eq(signatureChallenges.id, c.id));
    const stored = row.data.toString('utf8');
    expect(stored).not.toContain(formatted);
    expect(stored.replace(/\D/g, '')).not.toContain(citizen.snils);
  });
});

describe('a signature serves only the purpose it was made for', () => {
  it('refuses a sign-in challenge signed by the citizen as a confirmation', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const sut = await signedIn(citizen);
    const c = await challenge(sut, 'login');

    const res = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.body.error.code).toBe('signature.challenge_expired');
    expect((await levelOf(citizen.id))!.level).toBe('standard');
  });

  it('refuses a confirmation challenge signed by the citizen as a sign-in', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const c = await challenge(await signedIn(citizen), 'confirm');

    const res = await new TestClient(system.app).post('/api/signature/login', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.body.error.code).toBe('signature.challenge_expired');
  });

  it('names the purpose and its payload digest in the bytes to sign', async () => {
    const citizen = await createStandardCitizen(system);
    const sut = await signedIn(citizen);

    const login = await challenge(sut, 'login');
    const confirm = await challenge(sut, 'confirm');

    expect(login.data.toString('utf8').split('\n').at(-1)).toMatch(
      /^Назначение подписи: login; данные: sha256:[0-9a-f]{64}$/,
    );
    expect(confirm.data.toString('utf8').split('\n').at(-1)).toMatch(
      /^Назначение подписи: confirm; данные: sha256:[0-9a-f]{64}$/,
    );
  });

  it('refuses a confirmation whose stored challenge says confirm but whose signed bytes were made for sign-in', async () => {
    // The row alone is not trusted: the bytes the signature covers must name the purpose too.
    const citizen = await createStandardCitizen(system);
    const token = await issue({ subject: personOf(citizen) });
    const sut = await signedIn(citizen);
    const c = await challenge(sut, 'login');
    const [personal] = await system.database.db
      .select({ revision: personalData.revision })
      .from(personalData)
      .where(eq(personalData.accountId, citizen.id));
    await system.database.db
      .update(signatureChallenges)
      .set({ purpose: 'confirm', accountId: citizen.id, personalDataRevision: personal!.revision })
      .where(eq(signatureChallenges.id, c.id));

    const res = await sut.post('/api/me/confirmation/signature', {
      challengeId: c.id,
      signature: token.sign(c.data),
    });

    expect(res.body.error.code).toBe('signature.challenge_expired');
    expect((await levelOf(citizen.id))!.level).toBe('standard');
  });
});
