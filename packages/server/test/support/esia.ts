import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslGostEngine, opensslWith, writeOpensslGostConfig } from '@openesia/pki/test-support';

/**
 * An information system's GOST key and certificate, and its ESIA client secrets, made by OpenSSL's
 * gost engine (the independent oracle: never by our own code), as ESIA's client libraries make
 * them: v1 `openssl smime -sign -binary -outform DER -noattr` (fr05t1k/esia, ekapusta/oauth2-esia),
 * v2 `openssl dgst -md_gost12_256 -sign` (ilimurzin/esia OpenSSLSigner).
 */
export class OpensslEsiaSystem {
  readonly dir: string;
  private readonly openssl: (...args: string[]) => string;
  readonly certificatePem: string;
  readonly certificateDer: Buffer;
  /** `client_certificate_hash`: Streebog-256 of the DER, as `openssl dgst -md_gost12_256` gives it */
  readonly certificateHash: string;

  constructor(subject = '/CN=Тестовая система ЕСИА/O=OpenESIA tests') {
    const engine = opensslGostEngine();
    if (!engine)
      throw new Error('the OpenSSL gost engine is needed (apt-get install libengine-gost-openssl)');
    this.dir = mkdtempSync(join(tmpdir(), 'esia-system-'));
    this.openssl = opensslWith(writeOpensslGostConfig(this.dir, engine), this.dir);
    this.openssl('genpkey', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', 'key.pem');
    this.openssl(
      'req',
      '-new',
      '-x509',
      '-key',
      'key.pem',
      '-subj',
      subject,
      '-utf8',
      '-days',
      '365',
      '-md_gost12_256',
      '-out',
      'cert.pem',
    );
    this.openssl('x509', '-in', 'cert.pem', '-outform', 'DER', '-out', 'cert.der');
    this.certificatePem = readFileSync(join(this.dir, 'cert.pem'), 'utf8');
    this.certificateDer = readFileSync(join(this.dir, 'cert.der'));
    const out = this.openssl('dgst', '-md_gost12_256', '-r', 'cert.der');
    this.certificateHash = out.split(' ')[0]!.trim().toUpperCase();
  }

  private write(message: string): void {
    writeFileSync(join(this.dir, 'message.txt'), message, 'utf8');
  }

  /** v2: the raw GOST R 34.10-2012 signature of `message`, base64url without padding. */
  signRaw(message: string): Buffer {
    this.write(message);
    this.openssl('dgst', '-md_gost12_256', '-sign', 'key.pem', '-out', 'signature.bin', 'message.txt');
    return readFileSync(join(this.dir, 'signature.bin'));
  }

  /** v1: the detached CMS of `message` with the signer's certificate, DER. */
  signCms(message: string): Buffer {
    this.write(message);
    this.openssl(
      'smime',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-noattr',
      '-signer',
      'cert.pem',
      '-inkey',
      'key.pem',
      '-in',
      'message.txt',
      '-out',
      'signature.p7s',
    );
    return readFileSync(join(this.dir, 'signature.p7s'));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** ESIA's request time, `yyyy.MM.dd HH:mm:ss Z`, written here independently of the server's code. */
export function esiaTime(at: Date, offsetMinutes = 180): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}.${p(local.getUTCMonth() + 1)}.${p(local.getUTCDate())} ` +
    `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())} ` +
    `${sign}${p(Math.floor(off / 60))}${p(off % 60)}`
  );
}
