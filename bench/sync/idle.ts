/**
 * Idle connections, in their own process: `perDocument` light clients on each document, each
 * authenticated, synced and with an awareness state; the first on each document first writes a
 * 5 KB document (an agenda item's notes), so that every document holds what a small meeting does.
 *
 * IPC: {setup} → {connected}; then holds the connections until killed.
 */
import * as Y from 'yjs';
import { LightClient, type Target } from './wire.ts';

export interface IdleSetup {
  target: Target;
  documents: number;
  perDocument: number;
}

/** About 5 KB of Yjs update: a few paragraphs of notes, typed as sentences. */
function smallMeeting(): Uint8Array {
  const doc = new Y.Doc();
  const notes = doc.getXmlFragment('notes:i1');
  const sentence = 'Rådet drøftede den fælles rammearkitektur og gevinstrealiseringen i kommunerne. ';
  for (let p = 0; p < 8; p++) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    notes.push([paragraph]);
    for (let s = 0; s < 8; s++) text.insert(text.length, sentence);
  }
  return Y.encodeStateAsUpdate(doc);
}

async function run(setup: IdleSetup): Promise<void> {
  const content = smallMeeting();
  const clients: LightClient[] = [];
  const documents = setup.target.documents.slice(0, setup.documents);
  for (let batch = 0; batch < documents.length; batch += 20) {
    await Promise.all(
      documents.slice(batch, batch + 20).map(async (document) => {
        for (let i = 0; i < setup.perDocument; i++) {
          const client = new LightClient(
            setup.target,
            document,
            i === 0 ? setup.target.writerToken : setup.target.viewerToken,
          );
          await client.connect();
          if (i === 0) client.sendUpdate(content);
          const clientId = Math.floor(Math.random() * 2 ** 31);
          client.sendAwareness(clientId, 1, { user: { name: `Deltager ${clientId}`, color: '#1c7ed6' } });
          clients.push(client);
        }
      }),
    );
  }
  process.send?.({ connected: clients.length, updateBytes: content.length });
}

process.once('message', (setup: IdleSetup) => {
  run(setup).catch((error) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
