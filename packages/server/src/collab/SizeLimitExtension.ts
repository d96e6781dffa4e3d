import { COLLAB_CLOSE } from '@council/shared';
import type { beforeHandleMessagePayload, Document, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import { quietRefusals, refusal } from './quietRefusals.ts';

/** Hocuspocus's message type for Yjs sync messages (steps 1 and 2, and updates). */
const SYNC = 0;

/**
 * Refuses an update over `maxUpdateBytes`, or one that would take its document past
 * `maxDocumentBytes`, before it is applied: nothing of it is stored or shown to anyone, and the
 * sender's socket is closed with COLLAB_CLOSE.tooLarge, which the web app explains. The document's
 * size is tracked as its encoded size at load plus what each accepted update adds; only when that
 * estimate passes the cap is the exact size measured (deletions make the estimate high, never low).
 */
export class SizeLimitExtension implements Extension {
  priority = 800;
  extensionName = 'SizeLimit';
  private readonly sizes = new WeakMap<Document, number>();

  constructor(
    private readonly maxUpdateBytes: number,
    private readonly maxDocumentBytes: number,
    private readonly logger: Logger,
  ) {
    quietRefusals();
  }

  async onLoadDocument({ document }: onLoadDocumentPayload): Promise<void> {
    this.sizes.set(document, Y.encodeStateAsUpdate(document).length);
  }

  async beforeHandleMessage({ update, document, connection }: beforeHandleMessagePayload): Promise<void> {
    const decoder = decoding.createDecoder(update);
    decoding.readVarString(decoder); // the document's name
    if (decoding.readVarUint(decoder) !== SYNC) return;
    let size = (this.sizes.get(document) ?? 0) + update.length;
    if (size > this.maxDocumentBytes) size = Y.encodeStateAsUpdate(document).length + update.length;
    if (update.length > this.maxUpdateBytes || size > this.maxDocumentBytes) {
      this.logger.warn(
        { document: document.name, updateBytes: update.length, documentBytes: size },
        'refused a change over the size limit; closing that connection',
      );
      // The socket, not only this document's connection: the provider then starts afresh.
      connection.webSocket.close(COLLAB_CLOSE.tooLarge.code, COLLAB_CLOSE.tooLarge.reason);
      throw refusal(COLLAB_CLOSE.tooLarge);
    }
    this.sizes.set(document, size);
  }
}
