import { innLeWithChecksum, ogrnWithChecksum } from '@openesia/contracts';
import { inCi, opensslGostEngine } from '@openesia/pki/test-support';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../src/lib/crypto.js';
import { findTestCa } from '../../src/repositories/signature/test-ca.js';
import { upsertSimulatedTaxRecord } from '../../src/repositories/simulators/tax-records.js';
import { eventually } from '../support/http.js';
import { signedInClient, uniqueEmail } from '../support/factories.js';
import { createConfirmedCitizen } from '../support/organizations.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/**
 * The head's legal-entity certificate made by an independent implementation: OpenSSL with the gost
 * engine makes the key, the request with ОГРН, ИНН ЮЛ, O, title, СНИЛС and ФИО, the certificate
 * (under the test CA's root, which the trust list holds) and the CMS signature of the registration.
 * Skipped locally without the engine; fails under CI=true, as the other OpenSSL proofs do.
 */
const engine = opensslGostEngine();

describe('registering an organization with a certificate made by OpenSSL (gost engine)', () => {
  it.runIf(inCi)('has openssl with the gost engine in CI', () => {
    expect(engine).not.toBeNull();
  });
  if (!engine) return;

  let sut: TestSystem;
  const dir = mkdtempSync(join(tmpdir(), 'openesia-org-gost-'));
  const file = (name: string) => join(dir, name);
  // OpenSSL 3 knows OGRN and SNILS by name but not ИНН ЮЛ (1.2.643.100.4): named in oid_section.
  writeFileSync(
    file('openssl.cnf'),
    [
      'oid_section = new_oids',
      'openssl_conf = openssl_def',
      '[openssl_def]',
      'engines = engine_section',
      '[engine_section]',
      'gost = gost_section',
      '[gost_section]',
      'engine_id = gost',
      `dynamic_path = ${engine}`,
      'default_algorithms = ALL',
      '[new_oids]',
      'INNLE = 1.2.643.100.4',
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    file('leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
  );
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, {
      env: { ...process.env, OPENSSL_CONF: file('openssl.cnf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const pem = (label: string, der: Buffer) =>
    `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

  beforeAll(async () => {
    sut = await startTestSystem();
  });
  afterAll(async () => {
    await sut?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the OpenSSL signature and registers the organization after the ЕГРЮЛ check', async () => {
    const head = await createConfirmedCitizen(sut, { email: uniqueEmail() });
    const seq = head.id.replace(/\D/g, '').padEnd(7, '7').slice(0, 7);
    const ogrn = ogrnWithChecksum(`10277${seq}`);
    const inn = innLeWithChecksum(`77${seq}`);
    const fullName = `АО «Почта России» филиал ${seq}`;
    const { lastName, firstName, middleName } = head.personalData;
    await upsertSimulatedTaxRecord(
      sut.database.db,
      {
        ogrn,
        inn,
        kpp: '770101001',
        fullName,
        shortName: 'Почта',
        regionCode: '77',
        type: 'russian_post',
        status: 'active',
        head: { lastName, firstName, middleName: middleName || null, inn: null, position: 'Директор' },
        description: 'OpenSSL test',
      },
      sut.clock.now(),
    );

    // The test CA's root and its key, as OpenSSL files.
    const root = await sut.services.testCa.rootCertificate();
    const row = (await findTestCa(sut.database.db))!;
    const cipher = new FieldCipher(sut.config.dataEncryptionKey);
    const rootKey = Buffer.from(cipher.decrypt(row.privateKeyEncrypted, 'test_ca.root_key'), 'base64');
    writeFileSync(file('root.pem'), pem('CERTIFICATE', root));
    writeFileSync(file('root.key'), pem('PRIVATE KEY', rootKey));

    openssl('genpkey', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', file('head.key'));
    const given = [firstName, middleName].filter(Boolean).join(' ');
    openssl(
      'req', '-new', '-utf8', '-key', file('head.key'),
      '-subj', `/C=RU/O=${fullName}/title=Директор/SN=${lastName}/GN=${given}/SNILS=${head.snils}/OGRN=${ogrn}/INNLE=${inn}/CN=${fullName}`,
      '-out', file('head.csr'),
    ); // prettier-ignore
    openssl(
      'x509', '-req', '-in', file('head.csr'), '-CA', file('root.pem'), '-CAkey', file('root.key'),
      '-set_serial', `0x${seq}01`, '-md_gost12_256', '-days', '30',
      '-extfile', file('leaf.ext'), '-out', file('head.pem'),
    ); // prettier-ignore
    const certificate = openssl('x509', '-in', file('head.pem'), '-outform', 'DER');

    const client = await signedInClient(sut, head);
    const read = await client.post('/api/me/organizations/certificate', {
      certificate: certificate.toString('base64'),
    });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({ ogrn, inn, fullName, head: { lastName, position: 'Директор' } });

    const details = {
      shortName: 'Почта',
      type: 'russian_post',
      regionCode: '77',
      legalAddress: 'г. Москва, ул. Мясницкая, д. 26',
      postalAddress: 'г. Москва, ул. Мясницкая, д. 26',
      phone: '+7 495 000-00-01',
      email: uniqueEmail(),
    };
    const challenge = await client.post('/api/me/organizations/challenge', {
      certificate: certificate.toString('base64'),
      details,
    });
    expect(challenge.status).toBe(200);
    writeFileSync(file('statement.txt'), Buffer.from(challenge.body.dataToSign, 'base64'));
    const signature = openssl(
      'cms', '-sign', '-binary', '-in', file('statement.txt'), '-signer', file('head.pem'),
      '-inkey', file('head.key'), '-md', 'md_gost12_256', '-outform', 'DER',
    ); // prettier-ignore
    const created = await client.post('/api/me/organizations', {
      challengeId: challenge.body.challengeId,
      signature: signature.toString('base64'),
      details,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await eventually(async () => {
      const mine = await client.get('/api/me/organizations');
      return (
        mine.body.organizations.find((o: { id: string }) => o.id === created.body.id)?.status === 'registered'
      );
    });
  });
});
