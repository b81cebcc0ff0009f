/**
 * @openesia/pki: certificates, CMS, OIDs and the GOST/ECDSA/RSA vocabulary, one copy for the server
 * and the browser. Nothing here imports node:* or uses Buffer, so the web bundle can take all of it;
 * Node-only code (Node's crypto, worker threads) stays with the server, and the OpenSSL helpers of
 * the tests are in `@openesia/pki/test-support`.
 */
export * from './algorithms.js';
export * from './bytes.js';
export * from './certificate.js';
export * from './cms.js';
export * from './cms-read.js';
export * from './der.js';
export * from './gost-params.js';
export * from './names.js';
export * from './oids.js';
