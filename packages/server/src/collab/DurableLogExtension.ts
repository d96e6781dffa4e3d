import { COLLAB_CLOSE, LIMITS } from '@council/shared';
import type {
  beforeUnloadDocumentPayload,
  Document,
  Extension,
  Hocuspocus,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from './DocumentStore.ts';

/**
 * How a document's sockets are closed when its update log cannot be written (4507, after HTTP 507
 * Insufficient Storage). The whole socket is closed, not only the document's connection: the
 * provider reconnects a closed socket whatever the code, authenticates again and resyncs, which
 * sends the server every change it has not acknowledged; a document closed on an open socket would
 * stay closed. The web app shows this code as "not saved" (useCollabDocument.ts).
 */
export const STORE_FAILED = COLLAB_CLOSE.storeFailed;

interface Log {
  /** Seq of the last update logged since load or the last compaction; undefined while none was. */
  lastSeq: number | undefined;
  /** Rows in the log, to compact past LIMITS.updateLogCompactAt. */
  length: number;
  /** An update could not be logged: the document holds state that is not on disk, and is dropped. */
  discarded: boolean;
}

/**
 * Makes "saved" mean "on disk". Every update applied to a loaded document is appended to the
 * store's update log from a synchronous Y.Doc `update` listener. Hocuspocus sends its SyncStatus
 * acknowledgement synchronously after applying an update, and this listener runs inside that
 * apply, so the write precedes the acknowledgement. The log is folded into the state on
 * Hocuspocus's debounced store, on unload, and whenever it grows past a bound.
 *
 * When an append fails, the document is dropped unstored and its sockets closed before Hocuspocus
 * acknowledges (see `discard`).
 */
export class DurableLogExtension implements Extension {
  priority = 1000;
  extensionName = 'DurableLog';
  /** By document object, not name: a discarded document and the one loaded after it share a name. */
  private readonly logs = new WeakMap<Document, Log>();

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    /** False only in the benchmark that measures the log's cost; see ServerOptions. */
    private readonly log = true,
  ) {}

  async onLoadDocument({ document, documentName, instance }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.store.load(documentName);
    // Applied in one transaction so observers see one change, and before logging starts, so
    // stored updates are not written back to the log.
    document.transact(() => {
      if (stored.state) Y.applyUpdate(document, stored.state);
      for (const update of stored.updates) Y.applyUpdate(document, update);
    });
    this.startLogging(instance, document, documentName, stored.updates.length);
  }

  private startLogging(instance: Hocuspocus, document: Document, name: string, initialLogLength: number): void {
    const log: Log = { lastSeq: undefined, length: initialLogLength, discarded: false };
    this.logs.set(document, log);
    // No need to detach these: unloading destroys the document, which drops its listeners.
    document.on('update', (update: Uint8Array, origin: unknown) => {
      try {
        // Unlogged, seq 0 only marks the document as changed for the next compaction.
        log.lastSeq = this.log ? this.store.appendUpdate(name, update) : 0;
      } catch (error) {
        this.discard(instance, document, log, 'update log write failed; the update is not acknowledged', error);
        // From a client, y-protocols catches (and prints) whatever the apply throws and Hocuspocus
        // acknowledges regardless: only the closed socket stops that. A server-side change
        // (LiveDocuments.change) is told by this error instead of succeeding.
        if (!fromClient(origin)) throw new Error(`update to ${name} not stored`, { cause: error });
        return;
      }
      log.length += 1;
      if (this.log && log.length >= LIMITS.updateLogCompactAt) {
        log.length = 0;
        this.compact(document, name);
      }
    });
    // An update that depends on changes the server lacks is parked (Yjs keeps its structs pending),
    // with no `update` event, and Hocuspocus acknowledges it all the same. While writes fail that
    // is what a reconnecting client sends first (its edits follow the refused ones), so it is
    // refused like a failed append. Otherwise it is left alone: the sync step the client sends
    // next carries what is missing, and closing would only make a busy typist reconnect again.
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      const parked = document.store.pendingStructs !== null || document.store.pendingDs !== null;
      if (parked && fromClient(transaction.origin) && this.store.writeFailure()) {
        this.discard(instance, document, log, 'writes fail; an update that follows refused ones is not acknowledged');
      }
    });
  }

  /**
   * The document holds, or is asked to acknowledge, changes that are not on disk. It must never be
   * stored (compacted) or given to anyone again, so that the next load comes from disk alone: it
   * leaves Hocuspocus's documents now and is destroyed. Its sockets are closed at once, inside the
   * apply: Hocuspocus sends each acknowledgement through Connection.send, which drops it on a
   * closing socket (STORE_FAILED says why it is the socket). The clients still hold every change
   * the server did not acknowledge (in the Y.Doc, and the browser's IndexedDB copy) and send it
   * again when they reconnect, which fails the same way until the store works again.
   */
  private discard(instance: Hocuspocus, document: Document, log: Log, message: string, error?: unknown): void {
    if (log.discarded) return;
    log.discarded = true;
    this.logger.error({ err: error, document: document.name, connections: document.getConnectionsCount() }, message);
    if (instance.documents.get(document.name) === document) instance.documents.delete(document.name);
    for (const connection of document.getConnections()) {
      connection.webSocket.close(STORE_FAILED.code, STORE_FAILED.reason);
      // Leaving the document at once means the broadcast Hocuspocus has queued for this update
      // (flushed on setImmediate) reaches nobody; an update Hocuspocus already sent out, past its
      // 1 MB flush threshold, stays with clients that resync and send it back like their own.
      connection.close(STORE_FAILED);
    }
    document.destroy();
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    this.compact(document, documentName);
  }

  /**
   * A discarded document is out of Hocuspocus's documents already. Unloading it later (after the
   * store its last connection triggers, or a grace period) would remove the document of the same
   * name loaded since, as Hocuspocus unloads by name, and the grace period would hold it; refusing
   * here, before the other extensions, stops both. The error has no message, so nothing is printed.
   */
  async beforeUnloadDocument({ document }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.logs.get(document)?.discarded) throw new Error('');
  }

  private compact(document: Document, name: string): void {
    const log = this.logs.get(document);
    // Nothing logged since load or the last compaction; or discarded, holding what is not in the log.
    if (!log || log.discarded || log.lastSeq === undefined) return;
    const throughSeq = log.lastSeq;
    log.lastSeq = undefined;
    // State and seq are read in the same tick, so the state covers every update up to throughSeq.
    const state = Y.encodeStateAsUpdate(document);
    this.store.compact(name, state, throughSeq).catch((error) => {
      this.logger.error({ err: error, document: name }, 'compaction failed; the update log still holds the data');
    });
  }
}

const fromClient = (origin: unknown) => isTransactionOrigin(origin) && origin.source === 'connection';
