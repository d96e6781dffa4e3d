import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authMessage, awarenessMessage, frame, syncStep1, syncUpdateMessage } from '../testing/fuzz.ts';
import { malformedFrame } from './messageGuard.ts';

const name = 'meeting:m1';
const doc = new Y.Doc();
doc.getText('notes').insert(0, 'Dagsorden');
const update = Y.encodeStateAsUpdate(doc);

describe('malformedFrame', () => {
  it('passes what a provider sends', () => {
    expect(malformedFrame(authMessage(name, 'token'))).toBeNull();
    expect(malformedFrame(syncStep1(name))).toBeNull();
    expect(malformedFrame(syncUpdateMessage(name, update))).toBeNull();
    expect(malformedFrame(awarenessMessage(name, 7, 1, JSON.stringify({ user: { name: 'Mette' } })))).toBeNull();
    expect(malformedFrame(awarenessMessage(name, 7, 2, 'null'))).toBeNull();
    expect(malformedFrame(frame(name, 3, () => {}))).toBeNull(); // query awareness
    expect(malformedFrame(frame(name, 7, () => {}))).toBeNull(); // close
  });

  it('names what is wrong with a malformed frame', () => {
    expect(malformedFrame(syncUpdateMessage(name, update.slice(0, -3)))).toMatch(/end of array/i);
    expect(malformedFrame(new Uint8Array([...syncUpdateMessage(name, update), 0]))).toMatch(/trailing/i);
    expect(malformedFrame(awarenessMessage(name, 7, 1, '{"user":'))).toMatch(/JSON/);
    expect(malformedFrame(frame(name, 42, () => {}))).toBe('Message type 42 is not sent by clients');
    // Server-to-client and server-internal types: Hocuspocus would throw on each with a stack trace.
    for (const type of [6, 8, 9, 10]) {
      expect(malformedFrame(frame(name, type, (e) => encoding.writeVarString(e, 'x')))).toMatch(/not sent by clients/);
    }
    expect(malformedFrame(frame(name, 0, (e) => encoding.writeVarUint(e, 9)))).toBeTruthy(); // no such sync step
    expect(malformedFrame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBeTruthy(); // truncated varint
    expect(malformedFrame(new Uint8Array([2, 0xc3, 0x28, 0]))).toBeTruthy(); // document name not UTF-8
    expect(malformedFrame(new Uint8Array())).toBeTruthy();
  });
});
