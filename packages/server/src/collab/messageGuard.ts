import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * What a provider sends. The other types (BroadcastStateless, SyncStatus, Ping, Pong) go from the
 * server to clients, or between servers; Hocuspocus throws, with a stack trace in the log, on each
 * one a client sends, so they are refused here instead.
 */
const FROM_CLIENTS = new Set<number>([
  MessageType.Sync,
  MessageType.Awareness,
  MessageType.Auth,
  MessageType.QueryAwareness,
  MessageType.SyncReply,
  MessageType.Stateless,
  MessageType.CLOSE,
]);

function checkSync(decoder: decoding.Decoder): void {
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (step === messageYjsSyncStep1) Y.decodeStateVector(payload);
  else if (step === messageYjsSyncStep2 || step === messageYjsUpdate) Y.decodeUpdate(payload);
  else throw new Error(`Unknown sync step ${step}`);
}

function checkAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const states = decoding.readVarUint(decoder);
  for (let i = 0; i < states; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
}

/**
 * Checks a /collab frame in full before Hocuspocus sees it, and says what is wrong with it, or
 * null. Yjs applies an update's structs before it reads the delete set, so a truncated or corrupted
 * update could be half applied before it throws; decoding it whole first, without applying it,
 * refuses it while the document is untouched. The other checks (varints, UTF-8, awareness states
 * that are not JSON, unknown types) refuse what Hocuspocus would also fail on, but quietly: it
 * prints a stack trace for each, so one hostile client could flood the log.
 */
export function malformedFrame(frame: Uint8Array): string | null {
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder); // document address
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.Sync || type === MessageType.SyncReply) checkSync(decoder);
    else if (type === MessageType.Awareness) checkAwareness(decoding.readVarUint8Array(decoder));
    else if (type === MessageType.Auth || type === MessageType.Stateless) {
      if (type === MessageType.Auth) decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      return null; // Hocuspocus reads no further; a newer provider may send more
    } else if (!FROM_CLIENTS.has(type)) return `Message type ${type} is not sent by clients`;
    else return null;
    return decoding.hasContent(decoder) ? 'Trailing bytes after the message' : null;
  } catch (error) {
    return (error as Error).message || 'Undecodable message';
  }
}
