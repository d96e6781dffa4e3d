import type { beforeHandleMessagePayload, Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Yjs applies an update's structs before it reads the delete set, so a truncated or corrupted
 * update can be half applied before it throws. Decoding the whole update first, without applying
 * it, lets a malformed one be refused while the document is untouched. Throwing here makes
 * Hocuspocus close that connection only.
 */
export class MessageGuardExtension implements Extension {
  priority = 1500;
  extensionName = 'MessageGuard';

  async beforeHandleMessage({ update }: beforeHandleMessagePayload): Promise<void> {
    const decoder = decoding.createDecoder(update);
    decoding.readVarString(decoder); // document address
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return;
    const step = decoding.readVarUint(decoder);
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return;
    const yjsUpdate = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) throw new Error('Trailing bytes after a Yjs update');
    Y.decodeUpdate(yjsUpdate);
  }
}
