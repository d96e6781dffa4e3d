export * from './documents/index.ts';
export { type Catalogue, fill, type MessageKey, messages, RECORD_LOCALE } from './i18n/index.ts';
export * from './limits.ts';
export * from './notifications.ts';
export * from './policy.ts';
export * from './primitives.ts';
export * from './roles.ts';
export * from './schemas.ts';
