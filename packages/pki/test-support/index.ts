/** Test helpers of @openesia/pki, Node-only: OpenSSL with the gost engine, DER mutations for fuzzing, CMS edits. */
export * from './openssl.js';
export * from './der-mutations.js';
export * from './cms.js';
export * from './environment.js';
