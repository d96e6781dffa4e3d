export * from './documents.ts';
export * from './groupDoc.ts';
export { type MessageKey, messages } from './i18n/index.ts';
export * from './limits.ts';
export * from './meetingDoc.ts';
export * from './planDoc.ts';
export * from './policy.ts';
export * from './roles.ts';
export * from './schemas.ts';
