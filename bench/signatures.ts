/**
 * Signature verifications per second per core: our full verification of a detached CMS signature
 * (parse, content digest and signature, chain to a trusted root, validity, key usage, CRL, owner
 * attributes) beside the bare signature verification of the same library over the same bytes, in
 * the same run — for GOST R 34.10-2012 (256, node-gost-crypto) and ECDSA P-256 (Node's crypto).
 * "Per core" divides by the CPU seconds the loop used. Prints the two ratios, GOST first.
 */
import { parseCertificate } from '../packages/server/src/domain/signature/certificate.js';
import { parseSignature } from '../packages/server/src/domain/signature/cms.js';
import { parseCrl } from '../packages/server/src/domain/signature/crl.js';
import { certificateSnils } from '../packages/server/src/domain/signature/person.js';
import {
  verifyDetachedSignature,
  type LinkCache,
  type TrustAnchor,
} from '../packages/server/src/domain/signature/verify.js';
import {
  generateKeyPair,
  verifySignature,
  type KeyAlgorithm,
} from '../packages/server/src/lib/pki/algorithms.js';
import { issueCertificate, issueCrl, signDetached } from '../packages/server/src/lib/pki/issue.js';
import { buildName } from '@openesia/pki';

const SECONDS = Number(process.env.BENCH_DURATION ?? 5);
const DAY = 24 * 3600_000;
const CRL_URL = 'http://bench.openesia.test/root.crl';

/**
 * Runs `a` and `b` in alternating slices of SLICE_MS for `seconds` each and returns both rates per
 * CPU second. Alternating rather than one after the other, so a change in the machine's load
 * (other processes on shared cores) weighs on both sides of the ratio alike.
 */
const SLICE_MS = 100;
function perCpuSecondInterleaved(a: () => void, b: () => void, seconds: number): [number, number] {
  for (let i = 0; i < 5; i++) (a(), b()); // warm-up
  const counts = [0, 0];
  const cpu = [0, 0];
  const fns = [a, b];
  for (let spent = 0; spent < seconds * 1000; spent += 2 * SLICE_MS) {
    for (const k of [0, 1]) {
      const start = process.cpuUsage();
      const deadline = performance.now() + SLICE_MS;
      do {
        fns[k]();
        counts[k]++;
      } while (performance.now() < deadline);
      const used = process.cpuUsage(start);
      cpu[k] += (used.user + used.system) / 1e6;
    }
  }
  return [counts[0] / cpu[0], counts[1] / cpu[1]];
}

export function scenario(algorithm: KeyAlgorithm) {
  const now = new Date();
  const root = generateKeyPair('gost2012_256');
  const rootName = buildName({ country: 'RU', organization: 'Бенчмарк УЦ', commonName: 'Бенчмарк УЦ' });
  const rootDer = issueCertificate({
    subject: rootName,
    subjectKey: root.publicKey,
    serialNumber: Buffer.from([1]),
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 365 * DAY),
    keyUsage: ['keyCertSign', 'cRLSign'],
    ca: true,
    signerKey: root.privateKey,
  });
  const pair = generateKeyPair(algorithm);
  const leaf = issueCertificate({
    subject: buildName({
      country: 'RU',
      lastName: 'Иванов',
      givenName: 'Иван Иванович',
      snils: '11223344595',
      commonName: 'Иванов Иван Иванович',
    }),
    subjectKey: pair.publicKey,
    serialNumber: Buffer.from([2, 3, 4]),
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 30 * DAY),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    crlUrls: [CRL_URL],
    issuer: { name: rootName, spki: root.publicKey.spki },
    signerKey: root.privateKey,
  });
  const revoked = Array.from({ length: 200 }, (_, i) => ({
    serialNumber: Buffer.from([0x10, i]),
    revokedAt: now,
  }));
  const crl = parseCrl(
    issueCrl({
      issuerName: rootName,
      issuerSpki: root.publicKey.spki,
      signerKey: root.privateKey,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + DAY),
      crlNumber: 1,
      revoked,
    }),
  );
  const content = Buffer.from(
    `Вход в ЕСИА с помощью квалифицированной электронной подписи. Дата: ${now.toISOString()}. Код запроса: 0123456789ABCDEF01234567.`,
  );
  const cms = signDetached(content, leaf, pair.privateKey);
  const anchors: TrustAnchor[] = [{ id: 'root', cert: parseCertificate(rootDer), crlUrls: [] }];
  const cache: LinkCache = new Map();
  const full = () => {
    const verified = verifyDetachedSignature({
      signature: cms,
      content,
      anchors,
      crls: (url) => (url === CRL_URL ? crl : undefined),
      now,
      cache,
    });
    certificateSnils(verified.signer.subject);
  };
  // The bare library call over exactly what the full path verifies: the signed attributes.
  const parsed = parseSignature(cms);
  const bare = () => {
    if (!verifySignature(parsed.signer.publicKey, parsed.signedAttributes!.der, parsed.signature))
      throw new Error('bare verify failed');
  };
  return { full, bare, inputs: { cms, content, anchors, crl, now, cache } };
}

export async function main(): Promise<void> {
  const lines: string[] = [];
  for (const [label, algorithm] of [
    ['gost', 'gost2012_256'],
    ['ecdsa', 'ecdsa_p256'],
  ] as const) {
    const { full, bare } = scenario(algorithm);
    const [bareRate, fullRate] = perCpuSecondInterleaved(bare, full, SECONDS);
    console.log(
      `${label}: full verification ${fullRate.toFixed(1)}/s per core, bare signature verification ${bareRate.toFixed(1)}/s per core`,
    );
    lines.push(`${label} ratio: ${(fullRate / bareRate).toFixed(2)}`);
  }
  for (const line of lines) console.log(line);
}
