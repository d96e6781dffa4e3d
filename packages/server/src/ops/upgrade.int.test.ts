import fs from 'node:fs';
import path from 'node:path';
import {
  fragmentText,
  parseDocumentName,
  readActions,
  readAgenda,
  readAttendance,
  readDecision,
  readInitiatives,
  readTasks,
  schemaVersionOf,
} from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { startTestServer, type TestServer, tempDatabaseFile } from '../testing/server.ts';

/**
 * A database written by the version before document contracts (schema 1: text as plain strings;
 * see testing/fixtures/README.md) is opened by this one. Every document is migrated as it loads, and
 * every decision, task, agenda item and word read by the old version is still there.
 */
const fixtures = path.resolve(import.meta.dirname, '../testing/fixtures');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'v1-demo.expected.json'), 'utf8')) as {
  documents: Record<string, Record<string, unknown>>;
  register: Record<string, unknown>[];
};

/** Values as the old dump wrote them: no empty strings, no flags, no removal marks, measurements by date. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([k, v]) => v !== undefined && v !== '' && k !== 'issues')
      .map(([k, v]) => [
        k,
        k === 'measurements' ? [...(v as { date: string }[])].sort((a, b) => a.date.localeCompare(b.date)) : v,
      ]);
    return Object.fromEntries(entries.map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** What this version reads from a document, in the shape of the old dump. */
function read(name: string, doc: Y.Doc, keys: string[]): Record<string, unknown> {
  const kind = parseDocumentName(name)?.kind;
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    if (key.startsWith('notes:') || key === 'mandate' || key.startsWith('description:'))
      result[key] = fragmentText(doc.getXmlFragment(key));
    else if (key.startsWith('decision:')) result[key] = readDecision(doc, key.slice('decision:'.length)) ?? {};
    else if (key === 'agenda') result[key] = readAgenda(doc);
    else if (key === 'actions') result[key] = readActions(doc);
    else if (key === 'attendance') result[key] = Object.fromEntries(readAttendance(doc));
    else if (key === 'tasks' && kind === 'group')
      result[key] = Object.fromEntries(readTasks(doc).map(({ id, ...task }) => [id, task]));
    else if (key === 'initiatives')
      result[key] = Object.fromEntries(readInitiatives(doc).map(({ id, ...initiative }) => [id, initiative]));
  }
  return result;
}

let server: TestServer;
beforeAll(async () => {
  const file = tempDatabaseFile();
  fs.copyFileSync(path.join(fixtures, 'v1-demo.sqlite'), file);
  server = await startTestServer(file);
});
afterAll(() => server?.stop());

describe('an upgrade from document schema 1', () => {
  it('migrates every document as it loads and keeps every word of it', async () => {
    const names = Object.keys(expected.documents);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      const connection = await server.council.hocuspocus.openDirectConnection(name);
      const doc = connection.document as Y.Doc;
      const keys = Object.keys(expected.documents[name] ?? {});
      expect(normalise(read(name, doc, keys)), name).toEqual(normalise(expected.documents[name]));
      if (keys.length > 0) expect(schemaVersionOf(doc), name).toBe(2);
      await connection.disconnect();
    }
  });

  it('fills the agenda read model of the home page from every meeting that was there (migration 11, through the outbox)', async () => {
    await server.council.outbox.drain();
    expect(server.council.outbox.pending()).toBe(0);
    const agendas = Object.entries(expected.documents).filter(
      ([name, doc]) => parseDocumentName(name)?.kind === 'meeting' && Array.isArray(doc.agenda),
    );
    expect(agendas.length).toBeGreaterThan(2);
    const projected = server.council.db
      .prepare(
        `SELECT json_extract(payload, '$.name') AS name FROM outbox WHERE kind = 'document.project' AND done_at IS NOT NULL`,
      )
      .all()
      .map((row) => (row as { name: string }).name);
    expect(projected).toEqual(expect.arrayContaining(agendas.map(([name]) => name)));
    for (const [name, doc] of agendas) {
      const meetingId = name.slice('meeting:'.length);
      const items = doc.agenda as { id: string; title: string; presenterId?: string }[];
      const rows = server.council.db
        .prepare(
          'SELECT item_id AS id, title, presenter_id AS presenterId FROM agenda_items WHERE meeting_id = ? ORDER BY position',
        )
        .all(meetingId) as { id: string; title: string; presenterId: string | null }[];
      expect(rows, name).toEqual(items.map((i) => ({ id: i.id, title: i.title, presenterId: i.presenterId ?? null })));
    }
  });

  it('keeps the register as it was', () => {
    const register = server.council.db
      .prepare('SELECT number, title, text, status, tags, supersedes FROM decisions ORDER BY id')
      .all();
    expect(register).toEqual(expected.register);
  });

  it('serves the migrated documents to the web app: the board and the agenda answer below 500', async () => {
    const login = await server.api('POST', '/api/auth/login', {
      body: { email: 'formand@council.example', password: 'demo-council-2011' },
    });
    for (const route of ['/api/meetings', '/api/decisions', '/api/tasks', '/api/groups/g-data', '/api/plans']) {
      const res = await server.api('GET', route, { token: login.body.token });
      expect(res.status, route).toBe(200);
    }
  });
});
