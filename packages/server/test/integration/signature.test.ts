import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accounts, auditLog, signedDocuments, trustedRoots } from '../../src/db/schema/index.js';
import { ManualClock } from '../../src/lib/clock.js';
import { readPrivateKey } from '../../src/lib/pki/algorithms.js';
import { decodeDerOrPem } from '../../src/lib/pki/bytes.js';
import { signDetached } from '../../src/lib/pki/issue.js';
import { readPkcs12 } from '../../src/lib/pki/pkcs12.js';
import { grantRole } from '../../src/repositories/signatures.js';
import {
  createSimplifiedCitizen,
  createStandardCitizen,
  type CreatedStandardCitizen,
} from '../support/factories.js';
import { TestClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';
import { fixture } from '../unit/signature/fixtures.js';

const PIN = '12345678';
const DAY = 24 * 3600_000;

let system: TestSystem;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  system = await startTestSystem({ clock });
});
afterAll(() => system.stop());

async function signedIn(citizen: { phone?: string; password: string }): Promise<TestClient> {
  const client = new TestClient(system.app);
  const res = await client.post('/api/login', { login: citizen.phone, password: citizen.password });
  expect(res.status).toBe(200);
  return client;
}

interface Token {
  serialNumber: string;
  sign(data: Buffer): string;
}

/** A certificate of the test CA, issued through the API, opened with its PIN like a browser would. */
async function issue(client: TestClient, body: Record<string, unknown>): Promise<Token> {
  const res = await client.post('/api/test-ca/certificates', {
    algorithm: 'gost2012_256',
    pin: PIN,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { pkcs8, certificate } = await readPkcs12(Buffer.from(res.body.container, 'base64'), PIN);
  const key = readPrivateKey(pkcs8);
  return {
    serialNumber: res.body.serialNumber,
    sign: (data) => signDetached(data, certificate, key).toString('base64'),
  };
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

async function levelOf(accountId: string) {
  const [row] = await system.database.db.select().from(accounts).where(eq(accounts.id, accountId));
  return row;
}

describe('sign-in with a qualified signature', () => {
  it('signs a standard citizen in by the СНИЛС of the certificate, with authMethod signature', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue(new TestClient(system.app), { subject: personOf(citizen) });
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
    const token = await issue(new TestClient(system.app), { subject: personOf(citizen) });
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
    const token = await issue(new TestClient(system.app), { subject: personOf(citizen) });
    const sut = new TestClient(system.app);
    const c = await challenge(sut, 'login');
    clock.advance(5 * 60_000 + 1000);

    const res = await sut.post('/api/signature/login', { challengeId: c.id, signature: token.sign(c.data) });

    expect(res.body.error.code).toBe('signature.challenge_expired');
  });

  it('refuses a certificate whose СНИЛС belongs to no account', async () => {
    const token = await issue(new TestClient(system.app), {
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

describe('confirmation of an account with a qualified signature', () => {
  it('confirms a standard account whose name and СНИЛС match the certificate', async () => {
    const citizen = await createStandardCitizen(system);
    const token = await issue(new TestClient(system.app), { subject: personOf(citizen) });
    const sut = await signedIn(citizen);
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
    expect(doc).toMatchObject({
      documentType: 'account_confirmation',
      result: 'valid',
      signerSnils: citizen.snils,
    });
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
    const anyone = () => new TestClient(system.app);

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
      const token = await issue(anyone(), {
        subject: personOf(citizen),
        validDays: 1,
        notBefore: new Date(clock.now().getTime() - 2 * DAY).toISOString(),
      });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.certificate_expired');
    });

    it('a certificate not yet valid', async () => {
      const token = await issue(anyone(), {
        subject: personOf(citizen),
        notBefore: new Date(clock.now().getTime() + 3 * DAY).toISOString(),
      });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.certificate_not_yet_valid');
    });

    it('a revoked certificate', async () => {
      const token = await issue(anyone(), { subject: personOf(citizen) });
      const revoked = await anyone().post(`/api/test-ca/certificates/${token.serialNumber}/revoke`, {
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
      const token = await issue(anyone(), { subject: personOf(citizen) });
      const res = await attempt((data) => token.sign(Buffer.concat([data, Buffer.from(' ')])));
      expect(res.body.error.code).toBe('signature.invalid');
    });

    it('a certificate with another person’s name', async () => {
      const token = await issue(anyone(), { subject: { ...personOf(citizen), lastName: 'Сидоров' } });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.name_mismatch');
    });

    it('a certificate with another СНИЛС', async () => {
      const token = await issue(anyone(), { subject: { ...personOf(citizen), snils: '123-456-789 64' } });
      expect((await attempt(token.sign)).body.error.code).toBe('signature.snils_mismatch');
    });

    it('a certificate without СНИЛС', async () => {
      const token = await issue(anyone(), { subject: { ...personOf(citizen), snils: undefined } });
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
    const events = await system.database.db.select().from(auditLog).where(eq(auditLog.actorId, citizen.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['trust.root_added', 'trust.root_removed']),
    );
  });

  it('imports the accredited CAs of a trust-list XML and skips the others', async () => {
    const citizen = await createSimplifiedCitizen(system);
    await grantRole(system.database.db, citizen.id, 'federal_operator', clock.now());
    const sut = await signedIn(citizen);

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
  });
});

describe('test CA outside demo mode', () => {
  it('is refused', async () => {
    const other = await startTestSystem({ env: { DEMO_MODE: 'false' } });
    try {
      const res = await new TestClient(other.app).post('/api/test-ca/certificates', {
        algorithm: 'gost2012_256',
        pin: PIN,
        subject: { lastName: 'Иванов', firstName: 'Иван' },
      });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('test_ca.disabled');
    } finally {
      await other.stop();
    }
  });
});
