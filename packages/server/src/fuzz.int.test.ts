import { docNames, MEETING_FIELDS, ROLES } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteDocumentStore } from './collab/DocumentStore.ts';
import { dataSnapshot, fuzzCollab, fuzzRest } from './testing/fuzz.ts';
import { startTestServer, type TestServer } from './testing/server.ts';

// Bounded here; `pnpm bench:sync --only fuzz` runs the same fuzzers far longer.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('fuzzing', () => {
  it('survives hostile /collab traffic while honest edits keep flowing, and stores the document intact', async () => {
    const meeting = await server.factory.meeting();
    const document = docNames.meeting(meeting.id);
    const { token } = await server.signIn('secretary');
    const report = await fuzzCollab({
      wsUrl: server.wsUrl,
      httpUrl: server.url,
      document,
      token,
      cases: 200,
      seed: 2011,
    });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ cases: 200, crashes: 0, corruptions: 0 });

    // What storage holds is what the honest clients saw.
    const live = server.council.hocuspocus.documents.get(document) as Y.Doc;
    const { state, updates } = await new SqliteDocumentStore(server.council.db).load(document);
    const stored = new Y.Doc();
    if (state) Y.applyUpdate(stored, state);
    for (const update of updates) Y.applyUpdate(stored, update);
    const notes = (doc: Y.Doc) => doc.getXmlFragment(MEETING_FIELDS.notes('i1')).toString();
    expect(notes(stored)).toBe(notes(live));
    expect(notes(stored)).toContain('Kontrol 199');
  });

  it('answers random requests to every route without a 5xx, and a refused one changes nothing', async () => {
    const tokens = await Promise.all(ROLES.map(async (role) => (await server.signIn(role)).token));
    const meeting = await server.factory.meeting({ status: 'minutes-draft' });
    const group = await server.factory.group();
    const plan = await server.factory.plan([]);
    const person = await server.factory.person();
    const report = await fuzzRest({
      url: server.url,
      // Signing out would only take a token out of the run; the change feed is a stream that never
      // ends (and carries no content: changeFeed.int.test.ts).
      routes: server.council.routes.filter((route) => route !== 'POST /api/auth/logout' && route !== 'GET /api/events'),
      tokens,
      ids: [meeting.id, group.id, plan.id, person.id, 'i1', '2026-001'],
      snapshot: async () => {
        await server.council.settle();
        return dataSnapshot(server.council.db);
      },
      cases: 400,
      seed: 2011,
    });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ cases: 400, crashes: 0, serverErrors: 0, corruptions: 0 });
    // The cases reach past authentication into validation and the handlers, not only 401s.
    const count = (from: number, to: number) =>
      Object.entries(report.statuses ?? {})
        .filter(([status]) => Number(status) >= from && Number(status) < to)
        .reduce((sum, [, n]) => sum + n, 0);
    expect(count(200, 300)).toBeGreaterThan(20);
    expect(report.statuses?.[400]).toBeGreaterThan(20);
  });
});
