/// <reference path="../../../server/src/types/node-gost-crypto.d.ts" />
// ^ the test borrows the server's verification, which imports node-gost-crypto's main entry.
import { describe, expect, it } from 'vitest';
import { parseSignature, isSignatureValid } from '../../../server/src/domain/signature/cms';
import { generateKeyPair } from '../../../server/src/lib/pki/algorithms';
import { issueCertificate } from '../../../server/src/lib/pki/issue';
import { buildName } from '@openesia/pki';
import type { SignatureAlgorithm } from '@openesia/contracts';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromBase64, toArrayBuffer, toBase64 } from '@openesia/pki';
import { gostVerify } from './gost';
import { describeCertificate } from './certificate';
import { decryptPkcs8, encryptPkcs8 } from './containers/pkcs8';
import { readContainer, type PickedFile } from './containers/read';
import { softwareSigner } from './softwareSigner';
import { pinProblem } from './pin';
import { memoryStore, toStored } from './store';
import * as fx from './test-fixtures';
import { binary, refusal, text } from './test-fixtures';

/** A signer with one container in memory, as the key pages would have stored it. */
async function signerWith(files: PickedFile[], secrets: { pin?: string; newPin?: string }) {
  const reading = await readContainer(files, secrets);
  if (reading.status !== 'ready') throw new Error(reading.status);
  const store = memoryStore();
  await store.put(
    toStored(reading.draft, { id: 'c1', source: 'file', now: new Date('2026-01-01T00:00:00Z') }),
  );
  const sut = softwareSigner(store, () => new Date('2026-01-01T00:00:00Z'));
  const [certificate] = await sut.listCertificates();
  return { sut, certificate };
}

function verifiedByServer(signatureBase64: string, data: Uint8Array) {
  const parsed = parseSignature(fromBase64(signatureBase64));
  return { parsed, valid: isSignatureValid(parsed, data) };
}

describe('key containers', () => {
  it('asks for the PIN of an OpenSSL PKCS#12 whose certificates are encrypted, then lists them', async () => {
    const files = [binary('ivanov.p12', fx.gost256Pkcs12)];
    expect((await readContainer(files)).status).toBe('needs_pin');
    const reading = await readContainer(files, { pin: '123456' });
    expect(reading.status).toBe('ready');
    if (reading.status !== 'ready') return;
    expect(reading.draft.kind).toBe('pkcs12');
    expect(reading.draft.infos[0].subject).toMatchObject({
      fullName: 'Иванов Иван Иванович',
      snils: '11223344595',
    });
    expect(reading.draft.infos[0].algorithm).toBe('gost2012_256');
  });

  it('reports a wrong PIN of a PKCS#12 as signature.wrong_pin', async () => {
    expect(await refusal(readContainer([binary('ivanov.p12', fx.gost256Pkcs12)], { pin: '654321' }))).toBe(
      'signature.wrong_pin',
    );
  });

  it('refuses a file that is not a key container', async () => {
    expect(await refusal(readContainer([text('photo.txt', 'просто текст, не ключ')]))).toBe(
      'signature.container_unreadable',
    );
    expect(
      await refusal(
        readContainer([{ name: 'x.bin', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) }]),
      ),
    ).toBe('signature.container_unreadable');
  });

  it('tells a legacy-encrypted PKCS#12 apart from a wrong PIN', async () => {
    expect(await refusal(readContainer([binary('old.p12', fx.legacyPkcs12)], { pin: '123456' }))).toBe(
      'signature.container_unsupported',
    );
  });

  it('reads an encrypted PEM key with its certificate, and refuses a wrong password', async () => {
    const files = [text('key.pem', fx.ecEncryptedKeyPem), text('cert.pem', fx.ecCertificatePem)];
    expect((await readContainer(files)).status).toBe('needs_pin');
    expect(await refusal(readContainer(files, { pin: 'неверный' }))).toBe('signature.wrong_pin');
    const reading = await readContainer(files, { pin: 'секрет1' });
    expect(reading.status === 'ready' && reading.draft.infos[0].subject.snils).toBe('12345678964');
  });

  it('keeps an unencrypted key only encrypted with the PIN the person chooses', async () => {
    const files = [text('both.pem', fx.gost256KeyPem + fx.gost256CertificatePem)];
    expect((await readContainer(files)).status).toBe('needs_new_pin');
    const reading = await readContainer(files, { newPin: 'новый-пин' });
    if (reading.status !== 'ready') throw new Error(reading.status);
    expect(reading.draft.kind).toBe('pkcs8');
    expect(new TextDecoder('latin1').decode(reading.draft.data)).not.toContain(
      fx.gost256KeyPem.split('\n')[1],
    );
    await expect(decryptPkcs8(reading.draft.data, 'новый-пин')).resolves.toBeInstanceOf(Uint8Array);
    expect(await refusal(decryptPkcs8(reading.draft.data, 'другой-пин'))).toBe('signature.wrong_pin');
  });

  it('refuses a key with a certificate of another key, a key alone and a certificate alone', async () => {
    expect(
      await refusal(
        readContainer([text('k.pem', fx.gost256KeyPem), text('c.pem', fx.ecCertificatePem)], {
          newPin: '123456',
        }),
      ),
    ).toBe('signature.key_mismatch');
    expect(await refusal(readContainer([text('k.pem', fx.gost256KeyPem)]))).toBe('signature.no_certificates');
    expect(await refusal(readContainer([text('c.pem', fx.ecCertificatePem)]))).toBe(
      'signature.key_not_found',
    );
  });
});

describe('signing', () => {
  const data = new TextEncoder().encode(
    'Заявление на подтверждение учётной записи. Случайные данные: 5f2c9a',
  );

  it('signs with an OpenSSL PKCS#12 GOST key, and the server verifies the detached CMS', async () => {
    const { sut, certificate } = await signerWith([binary('ivanov.p12', fx.gost256Pkcs12)], {
      pin: '123456',
    });
    const signature = await sut.sign({ data, handle: certificate.handle, pin: '123456' });
    const { parsed, valid } = verifiedByServer(signature, data);
    expect(valid).toBe(true);
    expect(parsed.signer.der.equals(Buffer.from(certificate.info.der))).toBe(true);
    expect(verifiedByServer(signature, new TextEncoder().encode('другие данные')).valid).toBe(false);
  });

  it('reports a wrong PIN when signing, without signing', async () => {
    const { sut, certificate } = await signerWith([binary('ivanov.p12', fx.gost256Pkcs12)], {
      pin: '123456',
    });
    expect(await refusal(sut.sign({ data, handle: certificate.handle, pin: '000000' }))).toBe(
      'signature.wrong_pin',
    );
  });

  it('signs on the TC26 256-bit paramSetA curve, which the engine knows only by its parameters', async () => {
    const { sut, certificate } = await signerWith(
      [text('tc26a.pem', fx.tc26aKeyPem + fx.tc26aCertificatePem)],
      { newPin: '123456' },
    );
    expect(certificate.info.gostCurve).toBe('TC26-256-A');
    const signature = await sut.sign({ data, handle: certificate.handle, pin: '123456' });
    expect(verifiedByServer(signature, data).valid).toBe(true);
    // And the engine's own verify over the signed attributes; OpenSSL's gost engine accepts the same
    // CMS (gost-param-sets.test.ts).
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(fromBase64(signature)));
    const signerInfo = new pkijs.SignedData({ schema: contentInfo.content }).signerInfos[0];
    const attrs = new Uint8Array(signerInfo.signedAttrs!.toSchema().toBER());
    attrs[0] = 0x31; // RFC 5652 §5.4: signed as SET OF
    const spki = pkijs.Certificate.fromBER(toArrayBuffer(certificate.info.der)).subjectPublicKeyInfo;
    const xy = (
      asn1js.fromBER(toArrayBuffer(spki.subjectPublicKey.valueBlock.valueHexView))
        .result as asn1js.OctetString
    ).valueBlock.valueHexView;
    expect(await gostVerify(256, 'TC26-256-A', xy, signerInfo.signature.valueBlock.valueHexView, attrs)).toBe(
      true,
    );
    expect(await gostVerify(256, 'TC26-256-A', xy, signerInfo.signature.valueBlock.valueHexView, data)).toBe(
      false,
    );
  });

  it.each<SignatureAlgorithm>(['gost2012_256', 'gost2012_512', 'ecdsa_p256', 'rsa2048'])(
    'signs with a %s key the server verifies, digest by the key algorithm',
    async (algorithm) => {
      const pair = generateKeyPair(algorithm);
      const certificateDer = issueCertificate({
        subject: buildName({
          lastName: 'Сидоров',
          givenName: 'Олег Павлович',
          commonName: 'Сидоров Олег Павлович',
          snils: '11223344595',
        }),
        subjectKey: pair.publicKey,
        serialNumber: Buffer.from([1, 2, 3]),
        notBefore: new Date('2025-01-01T00:00:00Z'),
        notAfter: new Date('2030-01-01T00:00:00Z'),
        keyUsage: ['digitalSignature', 'nonRepudiation'],
        signerKey: pair.privateKey,
      });
      const encrypted = await encryptPkcs8(new Uint8Array(pair.privateKey.pkcs8), '123456', 1000);
      const pem = (label: string, der: Uint8Array) =>
        `-----BEGIN ${label}-----\n${toBase64(der)}\n-----END ${label}-----\n`;
      const { sut, certificate } = await signerWith(
        [
          text(
            'key.pem',
            pem('ENCRYPTED PRIVATE KEY', encrypted) + pem('CERTIFICATE', new Uint8Array(certificateDer)),
          ),
        ],
        { pin: '123456' },
      );
      expect((await describeCertificate(new Uint8Array(certificateDer))).subject.fullName).toBe(
        'Сидоров Олег Павлович',
      );

      const signature = await sut.sign({ data, handle: certificate.handle, pin: '123456' });

      const { parsed, valid } = verifiedByServer(signature, data);
      expect(valid).toBe(true);
      const expectedDigest = {
        gost2012_256: '1.2.643.7.1.1.2.2',
        gost2012_512: '1.2.643.7.1.1.2.3',
        ecdsa_p256: '2.16.840.1.101.3.4.2.1',
        rsa2048: '2.16.840.1.101.3.4.2.1',
      }[algorithm];
      expect(parsed.digestOid).toBe(expectedDigest);
    },
  );
});

describe('a new PIN typed twice', () => {
  it('is judged by the contract: required, at least 6, at most 64 characters, then the same twice', () => {
    expect(pinProblem('', '')).toEqual({ pin: 'required' });
    expect(pinProblem('12345', '12345')).toEqual({ pin: 'pin.too_short' });
    expect(pinProblem('1'.repeat(65), '1'.repeat(65))).toEqual({ pin: 'too_long' });
    expect(pinProblem('123456', '123457')).toEqual({ repeat: 'pin.mismatch' });
    expect(pinProblem('123456', '123456')).toEqual({});
  });
});
