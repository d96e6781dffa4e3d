import { COLLAB_CLOSE, docNames } from '@council/shared';
import type { onCloseParameters } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notesText, storedDoc, write } from '../testing/notes.ts';
import { connectClient, startTestServer, type TestClient, type TestServer, waitFor } from '../testing/server.ts';
import { isRefusal } from './quietRefusals.ts';

/** Caps on one update (64 KB here) and on a document (256 KB here) hold over /collab, before anything is applied. */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer(undefined, null, { COUNCIL_MAX_UPDATE_KB: '64', COUNCIL_MAX_DOCUMENT_KB: '256' });
  token = (await server.signIn('secretary')).token;
});
afterAll(() => server.stop());

function closes(client: TestClient): number[] {
  const seen: number[] = [];
  client.socket.on('close', ({ event }: onCloseParameters) => seen.push(event.code));
  return seen;
}

describe('size limits over /collab', () => {
  it('refuses an update over the cap with a clear close reason, and the document is unchanged for everyone', async () => {
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const writer = await connectClient(server.wsUrl, name, token);
    const viewer = await connectClient(server.wsUrl, name, token);
    write(writer.doc, 'Et kort referat.');
    await writer.synced();
    await waitFor(() => notesText(viewer.doc).includes('Et kort referat.'), 'the viewer to see the short note');

    const writerCloses = closes(writer);
    const printed = vi.spyOn(console, 'error');
    write(writer.doc, 'x'.repeat(100_000));
    await waitFor(() => writerCloses.includes(COLLAB_CLOSE.tooLarge.code), 'the writer to be told');
    await new Promise((r) => setTimeout(r, 200));
    expect(notesText(viewer.doc)).not.toContain('xxxx');
    // Hocuspocus prints the refusal with its stack; it is one quietRefusals drops (quietRefusals.test.ts).
    const printedRefusals = printed.mock.calls.filter((args) => String(args[0]).includes('because of exception'));
    printed.mockRestore();
    expect(printedRefusals.length).toBeGreaterThan(0);
    expect(printedRefusals.every((args) => args.some(isRefusal))).toBe(true);
    writer.destroy();
    await server.council.settle();
    const stored = notesText(await storedDoc(server.council.db, name));
    expect(stored).toContain('Et kort referat.');
    expect(stored).not.toContain('xxxx');
    viewer.destroy();
  });

  it('refuses the update that would take a document past its cap, keeping what came before', async () => {
    const meeting = await server.factory.meeting();
    const name = docNames.meeting(meeting.id);
    const writer = await connectClient(server.wsUrl, name, token);
    const seen = closes(writer);
    let accepted = 0;
    for (let i = 0; i < 10 && seen.length === 0; i++) {
      write(writer.doc, `${i}`.repeat(50_000));
      await waitFor(() => !writer.provider.hasUnsyncedChanges || seen.length > 0, 'an answer');
      if (seen.length === 0) accepted++;
    }
    expect(seen).toContain(COLLAB_CLOSE.tooLarge.code);
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(accepted).toBeLessThan(6);
    writer.destroy();
    await server.council.settle();
    const stored = notesText(await storedDoc(server.council.db, name));
    expect(stored.length).toBeLessThan(256 * 1024);
    expect(stored).toContain(`${accepted - 1}`.repeat(50_000));
    expect(stored).not.toContain(`${accepted}`.repeat(50_000));
  });
});
