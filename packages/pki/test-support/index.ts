/** Test helpers of @openesia/pki, Node-only: OpenSSL with the gost engine, and DER mutations for fuzzing. */
export * from './openssl.js';
export * from './der-mutations.js';
