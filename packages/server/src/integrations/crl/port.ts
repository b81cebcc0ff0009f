/** Where CRLs come from: the distribution points of certificates and of the trust list (RFC 5280 4.2.1.13). */
export interface CrlFetcher {
  /** DER bytes of the CRL at `url`; throws when it cannot be had */
  fetch(url: string): Promise<Uint8Array>;
}
