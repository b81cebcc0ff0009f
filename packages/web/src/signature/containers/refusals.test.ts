import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OID, fromBase64, toArrayBuffer, toBase64 } from '@openesia/pki';
import * as fx from '../test-fixtures';
import { binary, refusal, text } from '../test-fixtures';
import { isSupportedPasswordEncryption } from './encryption';
import { decryptPkcs8 } from './pkcs8';
import { readContainer } from './read';

/**
 * A wrong PIN and a container this browser cannot open are told apart by the container's
 * structure — the MAC and encryption algorithms it names, and whether its MAC verifies — never by
 * the text of a library's error.
 */

/** The DER of a PEM block's body. */
const pemDer = (pem: string) => fromBase64(pem.replace(/-----[A-Z ]+-----/g, ''));

/** The test CA-like PKCS#12 fixture with one change made to its parsed structure. */
function changedPkcs12(change: (pfx: pkijs.PFX) => void): Uint8Array {
  const pfx = pkijs.PFX.fromBER(toArrayBuffer(fromBase64(fx.gost256Pkcs12)));
  change(pfx);
  return new Uint8Array(pfx.toSchema().toBER());
}

afterEach(() => vi.restoreAllMocks());

describe('a wrong PIN', () => {
  it('is a PKCS#12 whose MAC does not verify with it, the MAC and encryption being ones we compute', async () => {
    const file = binary('ivanov.p12', fx.gost256Pkcs12);
    expect(await refusal(readContainer([file], { pin: '654321' }))).toBe('signature.wrong_pin');
    expect((await readContainer([file], { pin: '123456' })).status).toBe('ready');
  });

  it('is a supported encrypted key that fails to decrypt, whatever the library says about it', async () => {
    // The library's error text is not consulted: even one that reads like "unsupported" stays a wrong PIN.
    const bag = pkijs.PKCS8ShroudedKeyBag.prototype as unknown as { parseInternalValues(): Promise<void> };
    vi.spyOn(bag, 'parseInternalValues').mockRejectedValue(new Error('Unsupported or Unknown algorithm'));
    expect(await refusal(decryptPkcs8(pemDer(fx.ecEncryptedKeyPem), 'секрет1'))).toBe('signature.wrong_pin');
  });
});

describe('an unsupported container', () => {
  it('is a PKCS#12 with a GOST MAC and GOST 28147 encryption, with the right PIN or a wrong one', async () => {
    const file = binary('gost.p12', fx.gostMacPkcs12);
    expect(await refusal(readContainer([file], { pin: '123456' }))).toBe('signature.container_unsupported');
    expect(await refusal(readContainer([file], { pin: '000000' }))).toBe('signature.container_unsupported');
  });

  it('is a PKCS#12 with the legacy PKCS#12 PBE (3DES), with the right PIN or a wrong one', async () => {
    const file = binary('old.p12', fx.legacyPkcs12);
    expect(await refusal(readContainer([file], { pin: '123456' }))).toBe('signature.container_unsupported');
    expect(await refusal(readContainer([file], { pin: '654321' }))).toBe('signature.container_unsupported');
  });

  it('is a PKCS#12 whose MAC names a digest we have no HMAC for', async () => {
    const file = changedPkcs12((pfx) => {
      pfx.macData!.mac.digestAlgorithm = new pkijs.AlgorithmIdentifier({
        algorithmId: OID.streebog256,
        algorithmParams: new asn1js.Null(),
      });
    });
    expect(await refusal(readContainer([binary('x.p12', toBase64(file))], { pin: '123456' }))).toBe(
      'signature.container_unsupported',
    );
  });

  it('is an encrypted key under PBES2 with a cipher other than AES, refused before a PIN is asked', async () => {
    const files = [text('key.pem', fx.ecDes3KeyPem), text('cert.pem', fx.ecCertificatePem)];
    expect(await refusal(readContainer(files))).toBe('signature.container_unsupported');
    expect(await refusal(readContainer(files, { pin: '123456' }))).toBe('signature.container_unsupported');
    expect(await refusal(decryptPkcs8(pemDer(fx.ecDes3KeyPem), '123456'))).toBe(
      'signature.container_unsupported',
    );
  });

  it('is an encrypted key under the PKCS#12 PBE, in PEM or in DER', async () => {
    expect(
      await refusal(
        readContainer([text('key.pem', fx.ecLegacyPbeKeyPem), text('c.pem', fx.ecCertificatePem)]),
      ),
    ).toBe('signature.container_unsupported');
    expect(
      await refusal(
        readContainer([
          binary('key.der', toBase64(pemDer(fx.ecLegacyPbeKeyPem))),
          text('c.pem', fx.ecCertificatePem),
        ]),
      ),
    ).toBe('signature.container_unsupported');
  });
});

describe('an unreadable container', () => {
  it('is a PFX whose authenticated safe does not parse, whatever the PIN', async () => {
    const file = changedPkcs12((pfx) => {
      pfx.authSafe = new pkijs.ContentInfo({
        contentType: OID.data,
        content: new asn1js.OctetString({ valueHex: new Uint8Array([0x30, 0x03, 0x02, 0x01]).buffer }),
      });
    });
    expect(await refusal(readContainer([binary('x.p12', toBase64(file))], { pin: '123456' }))).toBe(
      'signature.container_unreadable',
    );
    expect(await refusal(readContainer([binary('x.p12', toBase64(file))]))).toBe(
      'signature.container_unreadable',
    );
  });
});

describe('the encryption schemes this browser opens', () => {
  const algorithmOf = (pem: string) =>
    pkijs.PKCS8ShroudedKeyBag.fromBER(toArrayBuffer(pemDer(pem))).encryptionAlgorithm;

  it('are PBES2 with PBKDF2 and AES-CBC, and nothing else', () => {
    expect(isSupportedPasswordEncryption(algorithmOf(fx.ecEncryptedKeyPem))).toBe(true);
    expect(isSupportedPasswordEncryption(algorithmOf(fx.ecDes3KeyPem))).toBe(false);
    expect(isSupportedPasswordEncryption(algorithmOf(fx.ecLegacyPbeKeyPem))).toBe(false);
    expect(isSupportedPasswordEncryption(new pkijs.AlgorithmIdentifier({ algorithmId: OID.pbes2 }))).toBe(
      false,
    );
  });
});
