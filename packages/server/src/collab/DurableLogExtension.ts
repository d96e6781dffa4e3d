import { LIMITS } from '@council/shared';
import type {
  afterUnloadDocumentPayload,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from './DocumentStore.ts';

/**
 * Makes "saved" mean "on disk". Every update applied to a loaded document is appended to the
 * store's update log from a synchronous Y.Doc `update` listener. Hocuspocus sends its SyncStatus
 * acknowledgement synchronously after applying an update, and this listener runs inside that
 * apply, so the write precedes the acknowledgement. The log is folded into the state on
 * Hocuspocus's debounced store, on unload, and whenever it grows past a bound.
 */
export class DurableLogExtension implements Extension {
  priority = 1000;
  extensionName = 'DurableLog';
  private readonly lastSeq = new Map<string, number>();
  private readonly detach = new Map<string, () => void>();

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    /** False only in the benchmark that measures the log's cost; see ServerOptions. */
    private readonly log = true,
  ) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.store.load(documentName);
    // Applied in one transaction so observers see one change, and before logging starts, so
    // stored updates are not written back to the log.
    document.transact(() => {
      if (stored.state) Y.applyUpdate(document, stored.state);
      for (const update of stored.updates) Y.applyUpdate(document, update);
    });
    this.startLogging(document, documentName, stored.updates.length);
  }

  private startLogging(document: Document, name: string, initialLogLength: number): void {
    let logLength = initialLogLength;
    const onUpdate = (update: Uint8Array) => {
      // Unlogged, seq 0 only marks the document as changed for the next compaction.
      this.lastSeq.set(name, this.log ? this.store.appendUpdate(name, update) : 0);
      logLength += 1;
      if (this.log && logLength >= LIMITS.updateLogCompactAt) {
        logLength = 0;
        this.compact(document, name);
      }
    };
    document.on('update', onUpdate);
    this.detach.get(name)?.();
    this.detach.set(name, () => document.off('update', onUpdate));
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    this.compact(document, documentName);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.detach.get(documentName)?.();
    this.detach.delete(documentName);
    this.lastSeq.delete(documentName);
  }

  private compact(document: Document, name: string): void {
    const throughSeq = this.lastSeq.get(name);
    if (throughSeq === undefined) return; // nothing logged since load or the last compaction
    this.lastSeq.delete(name);
    // State and seq are read in the same tick, so the state covers every update up to throughSeq.
    const state = Y.encodeStateAsUpdate(document);
    this.store.compact(name, state, throughSeq).catch((error) => {
      this.logger.error({ err: error, document: name }, 'compaction failed; the update log still holds the data');
    });
  }
}
