import type { CertificateInfo } from './certificate';

/**
 * Where certificates and keys live, and how to sign with them. The software signer keeps key
 * containers in this browser; a hardware-token plug-in (e.g. КриптоПро ЭЦП Browser plug-in) is another
 * implementation of this interface, listed in `signers` (index.ts) — see docs/SIGNATURES.md,
 * «Adding a hardware token». The UI only speaks to this interface.
 */
export interface SignerCertificate {
  /** unique across all signers: `${signerId}:${local id}` */
  handle: string;
  signerId: string;
  info: CertificateInfo;
  /** where the key is, for the person: «Файл в браузере: ivanov.p12», «Рутокен ЭЦП 2.0» */
  location: string;
}

export interface SignRequest {
  /** the exact bytes to sign (the server's dataToSign, decoded) */
  data: Uint8Array;
  handle: string;
  /** the container's PIN; signers with their own PIN window (asksPin false) ignore it */
  pin: string;
}

export interface Signer {
  readonly id: string;
  /** shown above its certificates in «Выбор сертификата» */
  readonly title: string;
  /** true: our page asks the PIN; false: the token's own software does */
  readonly asksPin: boolean;
  isAvailable(): Promise<boolean>;
  listCertificates(): Promise<SignerCertificate[]>;
  /**
   * CMS SignedData (RFC 5652), detached, DER, base64, signer certificate included; digest by key:
   * Streebog-256/512 for GOST R 34.10-2012 256/512, SHA-256 for ECDSA P-256 and RSA
   * (contracts/signature.ts). Refusals are SignatureError codes (`signature.wrong_pin`, ...).
   */
  sign(request: SignRequest): Promise<string>;
}
