/// <reference path="../../../server/src/types/node-gost-crypto.d.ts" />
// ^ the test borrows the server's verification, which imports node-gost-crypto's main entry.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSignatureValid, parseSignature } from '../../../server/src/domain/signature/cms';
import { readContainer } from './containers/read';
import { fromBase64, gostParamSets } from '@openesia/pki';
import { opensslGostEngine, opensslWith, writeOpensslGostConfig, inCi } from '@openesia/pki/test-support';
import { softwareSigner } from './softwareSigner';
import { memoryStore, toStored } from './store';

/**
 * The browser's signer on every GOST parameter set (Р 1323565.1.024-2019), against OpenSSL's gost
 * engine: OpenSSL makes the key and certificate and packs them into PKCS#12, the browser code opens
 * the container and signs, OpenSSL and the server verify. Where the engine is absent the test is
 * skipped with a warning locally and FAILS under CI=true, as the server's interoperability test does.
 */
const engine = opensslGostEngine();
if (!engine && !inCi)
  console.warn('openssl with the gost engine is not installed: browser GOST parameter-set test skipped');

describe('the browser signs on every GOST parameter set, and OpenSSL verifies', () => {
  it.runIf(inCi)('has openssl with the gost engine in CI', () => {
    expect(engine, 'CI must install openssl and libengine-gost-openssl').not.toBeNull();
  });

  if (!engine) return;
  const dir = mkdtempSync(join(tmpdir(), 'openesia-web-gost-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = opensslWith(
    writeOpensslGostConfig(
      dir,
      engine,
      '[req]\ndistinguished_name = dn\n[dn]\n[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
    ),
  );
  const file = (name: string, data?: Uint8Array) => {
    const path = join(dir, name);
    if (data) writeFileSync(path, data);
    return path;
  };

  it.each(gostParamSets.map((set) => [set.name, set.oid, set.size, set.openssl] as const))(
    '%s (%s)',
    async (_name, oid, size, paramset) => {
      const prefix = `p-${oid}`;
      openssl(
        'genpkey',
        '-algorithm',
        `gost2012_${size}`,
        '-pkeyopt',
        `paramset:${paramset}`,
        '-out',
        file(`${prefix}.key`),
      );
      openssl(
        'req',
        '-new',
        '-x509',
        '-utf8',
        '-key',
        file(`${prefix}.key`),
        `-md_gost12_${size}`,
        '-days',
        '30',
        '-subj',
        '/C=RU/SN=Петров/GN=Пётр Петрович/SNILS=12345678964/CN=Петров Пётр Петрович',
        '-extensions',
        'leaf',
        '-out',
        file(`${prefix}.pem`),
      );
      openssl(
        'pkcs12',
        '-export',
        '-inkey',
        file(`${prefix}.key`),
        '-in',
        file(`${prefix}.pem`),
        '-passout',
        'pass:123456',
        '-out',
        file(`${prefix}.p12`),
      );
      const reading = await readContainer(
        [{ name: 'key.p12', bytes: new Uint8Array(readFileSync(file(`${prefix}.p12`))) }],
        { pin: '123456' },
      );
      if (reading.status !== 'ready') throw new Error(reading.status);
      const store = memoryStore();
      await store.put(toStored(reading.draft, { id: 'c1', source: 'file', now: new Date() }));
      const sut = softwareSigner(store);
      const [certificate] = await sut.listCertificates();
      const data = new TextEncoder().encode(`Подписано в браузере на ${oid}`);

      const signature = fromBase64(await sut.sign({ data, handle: certificate.handle, pin: '123456' }));

      const verify = (content: Uint8Array) =>
        openssl(
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          file(`${prefix}.p7s`, signature),
          '-content',
          file(`${prefix}.txt`, content),
          '-CAfile',
          file(`${prefix}.pem`),
          '-out',
          file(`${prefix}.out`),
        );
      verify(data);
      expect(new Uint8Array(readFileSync(file(`${prefix}.out`)))).toEqual(data);
      expect(() => verify(new TextEncoder().encode('другое'))).toThrow();
      const parsed = parseSignature(signature);
      expect(isSignatureValid(parsed, data)).toBe(true);
      expect(isSignatureValid(parsed, new TextEncoder().encode('другое'))).toBe(false);
    },
  );
});
