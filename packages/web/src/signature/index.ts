/**
 * Qualified electronic signature in the browser (seed 000, section 1, step 3): key containers,
 * PIN, CMS signing. Pages use `signers` and never touch keys directly.
 */
import { softwareSigner } from './softwareSigner';
import type { Signer, SignerCertificate } from './signer';
import { indexedDbStore } from './store';

export const containerStore = indexedDbStore();

/** Every way to sign this browser knows; a hardware-token plug-in is added here. */
export const signers: Signer[] = [softwareSigner(containerStore)];

export async function listAllCertificates(): Promise<SignerCertificate[]> {
  const lists = await Promise.all(
    signers.map(async (s) => ((await s.isAvailable()) ? s.listCertificates() : [])),
  );
  return lists.flat();
}

export function signerOf(certificate: SignerCertificate): Signer {
  const signer = signers.find((s) => s.id === certificate.signerId);
  if (!signer) throw new Error(`no signer ${certificate.signerId}`);
  return signer;
}

export type { Signer, SignerCertificate } from './signer';
export type { CertificateInfo } from './certificate';
export { validityAt } from './certificate';
export { isSignatureError } from './errors';
export { readContainer, type ContainerDraft, type PickedFile } from './containers/read';
export { toStored, type StoredContainer } from './store';
