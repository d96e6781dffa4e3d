export * from './documents/index.ts';
export { type MessageKey, messages } from './i18n/index.ts';
export * from './limits.ts';
export * from './policy.ts';
export * from './primitives.ts';
export * from './roles.ts';
export * from './schemas.ts';
