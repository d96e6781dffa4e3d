import { migrateDocument } from '@council/shared';
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
    const versions = migrateDocument(documentName, document);
    if (versions.length > 0) this.logger.info({ document: documentName, versions }, 'document migrated');
  }
}
