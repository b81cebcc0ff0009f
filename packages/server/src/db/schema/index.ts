export * from './accounts.js';
export * from './verification.js';
export * from './outbox.js';
export * from './post-simulator.js';
export * from './audit.js';
export * from './auth.js';
export * from './signatures.js';
export * from './organizations.js';
