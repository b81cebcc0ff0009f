import * as pkijs from 'pkijs';
import { webcrypto } from 'node:crypto';
import { toArrayBuffer } from '@openesia/pki';

/**
 * The key container of the test CA: PKCS#12 (RFC 7292) laid out as `openssl pkcs12 -export` of
 * OpenSSL 3 writes it (contracts/signature.ts describes it for the browser): the key in a
 * PKCS8ShroudedKeyBag under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificate in a plain
 * CertBag, integrity by HMAC-SHA256 with the PKCS#12 KDF. Built by pkijs over Node's WebCrypto.
 */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

const ITERATIONS = 2048;
const OID_PKCS8_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const OID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const OID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';

/**
 * The PIN as UTF-8 bytes: PBES2 uses them as they are (RFC 8018); for the MAC, pkijs itself turns
 * them into the BMPString with a terminating NUL that the PKCS#12 KDF needs (RFC 7292 B.1).
 */
function utf8(pin: string): ArrayBuffer {
  return toArrayBuffer(Buffer.from(pin, 'utf8'));
}

export async function makePkcs12(input: {
  pkcs8: Uint8Array;
  certificate: Uint8Array;
  pin: string;
  friendlyName: string;
  localKeyId: Uint8Array;
}): Promise<Buffer> {
  const asn1js = await import('asn1js');
  const attributes = () => [
    new pkijs.Attribute({
      type: OID_FRIENDLY_NAME,
      values: [new asn1js.BmpString({ value: input.friendlyName })],
    }),
    new pkijs.Attribute({
      type: OID_LOCAL_KEY_ID,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(input.localKeyId) })],
    }),
  ];
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({
    parsedValue: pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(input.pkcs8)),
  });
  await keyBag.makeInternalValues(
    {
      password: utf8(input.pin), // pkijs's typings demand an iv for AES; it generates one itself at run time.
      contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as any,
      hmacHashAlgorithm: 'SHA-256',
      iterationCount: ITERATIONS,
    },
    engine,
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: OID_CERT_BAG,
                    bagValue: new pkijs.CertBag({
                      parsedValue: pkijs.Certificate.fromBER(toArrayBuffer(input.certificate)),
                    }),
                    bagAttributes: attributes(),
                  }),
                ],
              }),
            },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: OID_PKCS8_SHROUDED_KEY_BAG,
                    bagValue: keyBag,
                    bagAttributes: attributes(),
                  }),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, {}] }, engine);
  await pfx.makeInternalValues(
    {
      password: utf8(input.pin),
      iterations: ITERATIONS,
      pbkdf2HashAlgorithm: 'SHA-256',
      hmacHashAlgorithm: 'SHA-256',
    } as any,
    engine,
  );
  return Buffer.from(pfx.toSchema().toBER());
}

/** Opens a container with its PIN; throws when the PIN is wrong (the MAC does not verify). */
export async function readPkcs12(
  der: Uint8Array,
  pin: string,
): Promise<{ pkcs8: Buffer; certificate: Buffer }> {
  const pfx = pkijs.PFX.fromBER(toArrayBuffer(der));
  await pfx.parseInternalValues({ password: utf8(pin), checkIntegrity: true }, engine);
  const safe = pfx.parsedValue!.authenticatedSafe!;
  await safe.parseInternalValues(
    { safeContents: safe.safeContents.map(() => ({ password: utf8(pin) })) },
    engine,
  );
  let pkcs8: Buffer | null = null;
  let certificate: Buffer | null = null;
  for (const contents of safe.parsedValue!.safeContents) {
    for (const bag of contents.value.safeBags) {
      if (bag.bagId === OID_PKCS8_SHROUDED_KEY_BAG) {
        const keyBag = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // protected in the typings, the documented way to decrypt at run time (pkijs 4 examples).
        await (
          keyBag as unknown as {
            parseInternalValues(p: { password: ArrayBuffer }, c: unknown): Promise<void>;
          }
        ).parseInternalValues({ password: utf8(pin) }, engine);
        pkcs8 = Buffer.from(keyBag.parsedValue!.toSchema().toBER());
      } else if (bag.bagId === OID_CERT_BAG) {
        certificate = Buffer.from((bag.bagValue as pkijs.CertBag).parsedValue.toSchema().toBER());
      }
    }
  }
  if (!pkcs8 || !certificate) throw new Error('PKCS#12 without a key and a certificate');
  return { pkcs8, certificate };
}
