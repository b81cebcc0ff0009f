/** The byte helpers are @openesia/pki's (one copy for server and browser); re-exported for the pages. */
export { fromBase64, toBase64 } from '@openesia/pki';
