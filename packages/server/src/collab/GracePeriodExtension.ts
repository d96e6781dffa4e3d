import type { beforeUnloadDocumentPayload, connectedPayload, Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';

/**
 * What a document's structs cost in memory, about: a 1 MB meeting document of 48,000 structs
 * takes 14 MB of heap (bench/sync, document open).
 */
const BYTES_PER_STRUCT = 300;

function estimatedBytes(document: Y.Doc): number {
  let structs = 0;
  for (const list of document.store.clients.values()) structs += list.length;
  return structs * BYTES_PER_STRUCT;
}

interface Held {
  timer: NodeJS.Timeout;
  bytes: number;
  unload: () => void;
}

/**
 * Keeps a document in memory for a while after its last client leaves, so that a page reload, a
 * dropped connection or someone joining a minute later opens it warm instead of loading it from
 * SQLite again. Everything it holds is already durable (the update log is written before each
 * acknowledgement), so keeping it costs memory only, and that is bounded: past `budgetBytes` the
 * documents held longest go first. Every document held is marked again by each full garbage
 * collection, which slows other documents' cold opens: in bench/sync (20 one-megabyte documents
 * opened cold in a row) unbounded holding made cold p95 150 ms instead of 85, a 64 MB budget still
 * 20–45% slower than without holding, 32 MB (the default, two such documents, or about twenty
 * 100 KB meetings) 4% at p50 and 11% at p95. The trade is a reload in 15 ms instead of 80.
 *
 * Hocuspocus asks `beforeUnloadDocument` before unloading and keeps the document if it throws; the
 * error has no message, so Hocuspocus does not print it.
 */
export class GracePeriodExtension implements Extension {
  extensionName = 'GracePeriod';
  /** Documents held, oldest first. */
  private readonly held = new Map<string, Held>();
  private heldBytes = 0;
  private readonly expired = new Set<string>();

  constructor(
    private readonly graceMs: number,
    private readonly budgetBytes: number,
  ) {}

  async beforeUnloadDocument({ documentName, document, instance }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.graceMs <= 0 || this.expired.delete(documentName)) return;
    this.release(documentName);
    const bytes = estimatedBytes(document);
    if (bytes > this.budgetBytes) return;
    const unload = () => {
      this.release(documentName);
      this.expired.add(documentName);
      // Does nothing if a client came back; then `expired` must not outlive this attempt.
      instance.unloadDocument(document).finally(() => this.expired.delete(documentName));
    };
    const timer = setTimeout(unload, this.graceMs);
    timer.unref();
    this.held.set(documentName, { timer, bytes, unload });
    this.heldBytes += bytes;
    for (const [, oldest] of this.held) {
      if (this.heldBytes <= this.budgetBytes) break;
      oldest.unload();
    }
    throw new Error('');
  }

  /** A client came back: the document is in use again, and no longer counts against the budget. */
  async connected({ documentName }: connectedPayload): Promise<void> {
    this.release(documentName);
  }

  private release(name: string): void {
    const held = this.held.get(name);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(name);
    this.heldBytes -= held.bytes;
  }

  async onDestroy(): Promise<void> {
    for (const held of this.held.values()) clearTimeout(held.timer);
    this.held.clear();
    this.heldBytes = 0;
  }
}
