import { sql as initial } from './001_initial.ts';

/** Numbered, append-only: never edit a migration that has shipped, add the next one. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
];
