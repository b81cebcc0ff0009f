export * from './errors.js';
export * from './identifiers.js';
export * from './fields.js';
export * from './citizen.js';
export * from './simulators.js';
export * from './signature.js';
export * from './organization.js';
export * from './personal-data-rules.js';
