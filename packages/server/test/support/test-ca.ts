import type { TestCaIssued, TestCaIssueRequest } from '@openesia/contracts';
import { readPrivateKey } from '../../src/lib/pki/algorithms.js';
import { signDetached } from '../../src/lib/pki/issue.js';
import { readPkcs12 } from '../../src/lib/pki/pkcs12.js';
import type { System } from '../../src/system.js';

export const TEST_PIN = '12345678';

/** A key and its certificate, opened from the container with its PIN as a browser would. */
export interface TestCertificate {
  serialNumber: string;
  issued: TestCaIssued;
  certificate: Buffer;
  sign(data: Buffer): string;
}

export async function openTestCertificate(issued: TestCaIssued, pin = TEST_PIN): Promise<TestCertificate> {
  const { pkcs8, certificate } = await readPkcs12(Buffer.from(issued.container, 'base64'), pin);
  const key = readPrivateKey(pkcs8);
  return {
    serialNumber: issued.serialNumber,
    issued,
    certificate,
    sign: (data) => signDetached(data, certificate, key).toString('base64'),
  };
}

/**
 * A test-CA certificate for any subject — a wrong name, another СНИЛС, no СНИЛС — issued as the
 * test CA's operator does (the service, like the CLI), never through the public API, which issues
 * only for the signed-in person's own checked data. `issuedTo` records the account that may revoke it.
 */
export async function issueTestCertificate(
  system: System,
  request: Omit<TestCaIssueRequest, 'algorithm' | 'pin'> & Partial<Pick<TestCaIssueRequest, 'algorithm'>>,
  options: { issuedTo?: string } = {},
): Promise<TestCertificate> {
  const issued = await system.services.testCa.issue(
    { algorithm: 'gost2012_256', pin: TEST_PIN, ...request },
    { accountId: options.issuedTo ?? null, meta: { ip: null } },
  );
  return openTestCertificate(issued);
}
