export * from './documents.ts';
export * from './limits.ts';
export * from './policy.ts';
export * from './roles.ts';
export * from './schemas.ts';
export { messages, type MessageKey } from './i18n/index.ts';
