import { COLLAB_CLOSE, migrateDocument } from '@council/shared';
import type { Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import type { Logger } from '../logger.ts';

/**
 * Brings every document to the current shape when it is loaded, before any client syncs with it.
 * It runs after DurableLogExtension has loaded the stored state and started logging (lower
 * priority runs later), so the migration is an update like any other: logged before anyone sees
 * it, and never applied twice (migrations are idempotent and recorded in `meta.schemaVersion`).
 */
export class SchemaMigrationExtension implements Extension {
  priority = 900;
  extensionName = 'SchemaMigration';

  constructor(private readonly logger: Logger) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    let versions: number[];
    try {
      versions = migrateDocument(documentName, document);
    } catch (err) {
      // The migration could not be logged (the store fails): the document is not loaded, and the
      // client is told why, so that it keeps its unsent edits and tries again, rather than being
      // told it may not open the document.
      this.logger.error({ err, document: documentName }, 'migration could not be stored; document not loaded');
      throw Object.assign(new Error(COLLAB_CLOSE.storeFailed.reason), { reason: COLLAB_CLOSE.storeFailed.reason });
    }
    if (versions.length > 0) this.logger.info({ document: documentName, versions }, 'document migrated');
  }
}
