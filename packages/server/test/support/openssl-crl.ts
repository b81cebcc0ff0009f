import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslGostEngine, writeOpensslGostConfig } from '@openesia/pki/test-support';

/**
 * A CRL of real size made by OpenSSL (`openssl ca -gencrl` from an index.txt written here, which
 * is fast), under its own CA, with two leaf certificates of that CA: one whose serial is in the
 * list and one whose serial is not. Made at test time in a temporary folder (a 5 MB file is not
 * committed). ECDSA P-256 with plain openssl; GOST needs the gost engine.
 */
export interface OpensslCrl {
  dir: string;
  crl: Buffer;
  ca: Buffer;
  revokedLeaf: Buffer;
  goodLeaf: Buffer;
  entries: number;
  cleanup(): void;
}

/** 16-octet serials as large CAs write them (positive, no leading zero octet). */
export function bigCrlSerial(i: number): string {
  const bytes = createHash('sha256').update(`serial ${i}`).digest().subarray(0, 16);
  bytes[0] = (bytes[0] & 0x3f) | 0x10;
  return bytes.toString('hex').toUpperCase();
}

export function makeOpensslCrl(options: {
  entries: number;
  algorithm: 'ecdsa' | 'gost2012_256';
  /** the CA's keyUsage; default keyCertSign and cRLSign */
  caKeyUsage?: string;
  /** days until nextUpdate */
  crlDays?: number;
}): OpensslCrl {
  const dir = mkdtempSync(join(tmpdir(), 'openesia-crl-'));
  const file = (name: string) => join(dir, name);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.algorithm === 'gost2012_256') {
    const engine = opensslGostEngine();
    if (!engine) throw new Error('openssl gost engine not installed');
    env.OPENSSL_CONF = writeOpensslGostConfig(dir, engine);
  }
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const md = options.algorithm === 'ecdsa' ? 'sha256' : 'md_gost12_256';
  const genkey = (out: string) =>
    options.algorithm === 'ecdsa'
      ? openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(out))
      : openssl('genpkey', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A', '-out', file(out));
  writeFileSync(
    file('ca.cnf'),
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[ca_ext]',
      'basicConstraints = critical,CA:TRUE',
      `keyUsage = critical,${options.caKeyUsage ?? 'keyCertSign,cRLSign'}`,
      '[leaf_ext]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,nonRepudiation',
      'crlDistributionPoints = URI:http://crl.openesia.test/big.crl',
      '[ca]',
      'default_ca = c',
      '[c]',
      `database = ${file('index.txt')}`,
      `crlnumber = ${file('crlnumber')}`,
      `default_md = ${md}`,
      '',
    ].join('\n'),
  );
  genkey('ca.key');
  openssl(
    'req', '-new', '-x509', '-key', file('ca.key'), '-subj', '/CN=Big CRL CA', '-days', '3650',
    '-config', file('ca.cnf'), '-extensions', 'ca_ext', `-${md}`, '-out', file('ca.pem'),
  ); // prettier-ignore
  const leaf = (name: string, serial: string) => {
    genkey(`${name}.key`);
    openssl('req', '-new', '-key', file(`${name}.key`), '-subj', `/CN=${name}`, '-config', file('ca.cnf'), '-out', file(`${name}.csr`)); // prettier-ignore
    openssl(
      'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
      '-set_serial', `0x${serial}`, '-days', '365', '-extfile', file('ca.cnf'), '-extensions', 'leaf_ext',
      '-outform', 'DER', '-out', file(`${name}.der`),
    ); // prettier-ignore
    return readFileSync(file(`${name}.der`));
  };
  const revokedIndex = Math.floor(options.entries / 2);
  const revokedLeaf = leaf('revoked', bigCrlSerial(revokedIndex));
  const goodLeaf = leaf('good', 'ABCDEF0123456789');
  const lines: string[] = [];
  for (let i = 0; i < options.entries; i++)
    lines.push(`R\t350101000000Z\t250101000000Z,keyCompromise\t${bigCrlSerial(i)}\tunknown\t/CN=x`);
  writeFileSync(file('index.txt'), lines.join('\n') + '\n');
  writeFileSync(file('crlnumber'), '01\n');
  openssl(
    'ca', '-gencrl', '-config', file('ca.cnf'), '-keyfile', file('ca.key'), '-cert', file('ca.pem'),
    '-crldays', String(options.crlDays ?? 2), '-out', file('crl.pem'),
  ); // prettier-ignore
  openssl('crl', '-in', file('crl.pem'), '-outform', 'DER', '-out', file('crl.der'));
  openssl('x509', '-in', file('ca.pem'), '-outform', 'DER', '-out', file('ca.der'));
  return {
    dir,
    crl: readFileSync(file('crl.der')),
    ca: readFileSync(file('ca.der')),
    revokedLeaf,
    goodLeaf,
    entries: options.entries,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
