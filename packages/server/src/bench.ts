/** What the benchmarks in bench/ use of the server: the real storage, repositories and indexer. */

export { createCouncilServer } from './app.ts';
export { SqliteDocumentStore } from './collab/DocumentStore.ts';
export { configFromEnv } from './config.ts';
export { openDatabase } from './db/connection.ts';
export { DecisionsRepo, type NewDecision } from './domains/decisions/repo.ts';
export { MeetingsRepo } from './domains/meetings/repo.ts';
export { projectionNotifier } from './domains/notifications/notifier.ts';
export { type IndexRow, indexDecisions, replaceSource } from './domains/search/indexer.ts';
export { SearchRepo } from './domains/search/repo.ts';
export { suggest } from './domains/search/vocabulary.ts';
export { queueBenchMail } from './testing/benchMail.ts';
export { Factory } from './testing/factories.ts';
export { startSmtp } from './testing/smtp.ts';
