export * from './accounts.js';
export * from './verification.js';
export * from './outbox.js';
export * from './audit.js';
