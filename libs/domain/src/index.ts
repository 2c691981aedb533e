export * from './domain-error.js';
export * from './log-hash.js';
export * from './checkpoint.js';
