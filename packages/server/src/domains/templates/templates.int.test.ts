import { docNames, ROLES, type Role, readAgenda, removeAgendaItem } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const person = (role: Role, name?: string) => server.person(role, name);

const STANDARD = {
  name: 'Ordinært rådsmøde',
  description: 'Rådets faste punkter',
  items: [
    { title: 'Godkendelse af dagsorden', kind: 'decision', durationMinutes: 5, presenterRole: 'chair' },
    { title: 'Meddelelser fra formanden', kind: 'information', durationMinutes: 10, presenterRole: 'chair' },
    { title: 'Orientering fra sekretariatet', kind: 'information', presenterRole: 'secretary' },
    { title: 'Eventuelt', kind: 'discussion', durationMinutes: 10 },
  ],
};

const MEETING = {
  title: 'Rådsmøde 3/2027',
  startsAt: '2027-03-11T09:00:00+01:00',
  endsAt: '2027-03-11T12:00:00+01:00',
  location: 'KL-huset',
};

const MANAGERS: Role[] = ['admin', 'chair', 'secretary'];
const READERS: Role[] = [...MANAGERS, 'council_member'];

/** The agenda of a meeting as its live document holds it. */
async function agendaOf(meetingId: string, token: string) {
  const client = await connectClient(server.wsUrl, docNames.meeting(meetingId), token);
  try {
    return readAgenda(client.doc);
  } finally {
    client.destroy();
  }
}

const auditOf = (resource: string) =>
  server.council.db
    .prepare('SELECT action, details FROM audit WHERE resource = ? ORDER BY id')
    .all(resource)
    .map((r) => {
      const row = r as { action: string; details: string };
      return { action: row.action, details: JSON.parse(row.details) };
    });

describe('meeting templates', () => {
  it('are kept by the chair, the secretary and admins, read by the council, and refused to everyone else', async () => {
    const owner = await person('secretary');
    const source = await server.factory.meeting({ status: 'draft' });
    for (const role of ROLES) {
      const { token } = await person(role);
      const manages = MANAGERS.includes(role);
      const reads = READERS.includes(role);
      const mine = await server.api('POST', '/api/meeting-templates', { token: owner.token, body: STANDARD });
      const id = mine.body.id as string;
      const answers = {
        list: (await server.api('GET', '/api/meeting-templates', { token })).status,
        get: (await server.api('GET', `/api/meeting-templates/${id}`, { token })).status,
        create: (await server.api('POST', '/api/meeting-templates', { token, body: STANDARD })).status,
        fromMeeting: (
          await server.api('POST', '/api/meeting-templates/from-meeting', {
            token,
            body: { meetingId: source.id, name: 'Fra mødet' },
          })
        ).status,
        update: (await server.api('PATCH', `/api/meeting-templates/${id}`, { token, body: { name: 'Nyt navn' } }))
          .status,
        makeMeeting: (await server.api('POST', `/api/meeting-templates/${id}/meetings`, { token, body: MEETING }))
          .status,
        delete: (await server.api('DELETE', `/api/meeting-templates/${id}`, { token })).status,
      };
      expect(answers, role).toEqual({
        list: reads ? 200 : 403,
        get: reads ? 200 : 403,
        create: manages ? 201 : 403,
        fromMeeting: manages ? 201 : 403,
        update: manages ? 200 : 403,
        makeMeeting: manages ? 201 : 403,
        delete: manages ? 204 : 403,
      });
    }
    const forbidden = await server.api('GET', '/api/meeting-templates', { token: (await person('observer')).token });
    expect(forbidden.body.error.code).toBe('forbidden');

    const id = (await server.api('POST', '/api/meeting-templates', { token: owner.token, body: STANDARD })).body.id;
    const anonymous = [
      ['GET', '/api/meeting-templates'],
      ['POST', '/api/meeting-templates'],
      ['POST', '/api/meeting-templates/from-meeting'],
      ['GET', `/api/meeting-templates/${id}`],
      ['PATCH', `/api/meeting-templates/${id}`],
      ['DELETE', `/api/meeting-templates/${id}`],
      ['POST', `/api/meeting-templates/${id}/meetings`],
    ] as const;
    for (const [method, path] of anonymous) {
      const res = await server.api(method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect([res.status, res.body.error.code], `${method} ${path}`).toEqual([401, 'unauthenticated']);
    }
  });

  it('answers bad input with a 400 naming the field, and unknown templates with a 404', async () => {
    const { token } = await person('secretary');
    const issueOf = async (method: string, path: string, body: unknown) => {
      const res = await server.api(method, path, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.issues[0] as { path: (string | number)[]; params?: { rule?: string } };
    };
    const item = STANDARD.items[0];
    expect((await issueOf('POST', '/api/meeting-templates', { ...STANDARD, name: '  ' })).path).toEqual(['name']);
    expect((await issueOf('POST', '/api/meeting-templates', { items: [] })).path).toEqual(['name']);
    expect((await issueOf('POST', '/api/meeting-templates', { name: 'Uden punkter' })).path).toEqual(['items']);
    expect(
      (await issueOf('POST', '/api/meeting-templates', { name: 'x', items: [{ ...item, title: '' }] })).path,
    ).toEqual(['items', 0, 'title']);
    expect(
      (await issueOf('POST', '/api/meeting-templates', { name: 'x', items: [item, { ...item, kind: 'vote' }] })).path,
    ).toEqual(['items', 1, 'kind']);
    expect(
      (
        await issueOf('POST', '/api/meeting-templates', {
          name: 'x',
          items: [{ ...item, presenterRole: 'council_member' }],
        })
      ).path,
    ).toEqual(['items', 0, 'presenterRole']);
    expect(
      (await issueOf('POST', '/api/meeting-templates', { name: 'x', items: [{ ...item, durationMinutes: -5 }] })).path,
    ).toEqual(['items', 0, 'durationMinutes']);
    expect(
      (await issueOf('POST', '/api/meeting-templates', { name: 'x', items: Array.from({ length: 51 }, () => item) }))
        .path,
    ).toEqual(['items']);

    const unknown = await issueOf('POST', '/api/meeting-templates/from-meeting', { meetingId: 'm-nothere', name: 'x' });
    expect(unknown).toMatchObject({ path: ['meetingId'], params: { rule: 'unknown_reference' } });
    expect(
      (await issueOf('POST', '/api/meeting-templates/from-meeting', { meetingId: 'a b', name: 'x' })).path,
    ).toEqual(['meetingId']);

    const id = (await server.api('POST', '/api/meeting-templates', { token, body: STANDARD })).body.id;
    expect((await issueOf('PATCH', `/api/meeting-templates/${id}`, { items: [{ kind: 'decision' }] })).path).toEqual([
      'items',
      0,
      'title',
    ]);
    expect(
      (await issueOf('POST', `/api/meeting-templates/${id}/meetings`, { ...MEETING, endsAt: MEETING.startsAt })).path,
    ).toEqual(['endsAt']);
    expect((await issueOf('POST', `/api/meeting-templates/${id}/meetings`, { ...MEETING, title: '' })).path).toEqual([
      'title',
    ]);

    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Nyt' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await server.api(method, '/api/meeting-templates/t-nothere', { token, body });
      expect([res.status, res.body.error.code], method).toEqual([404, 'not_found']);
    }
    const noTemplate = await server.api('POST', '/api/meeting-templates/t-nothere/meetings', { token, body: MEETING });
    expect(noTemplate.status).toBe(404);
    expect((await server.api('GET', '/api/meeting-templates/not%20an%20id', { token })).status).toBe(400);
  });

  it('makes a draft meeting whose agenda has the template’s items, presented by whoever holds the role', async () => {
    // Named to come first: the role goes to the first active holder by name when the caller does not hold it.
    const chair = await person('chair', 'Aase Formand');
    const retired = await person('chair', 'Aage Tidligere Formand');
    await server.api('POST', `/api/people/${retired.id}/deactivate`, { token: (await person('admin')).token });
    const secretary = await person('secretary', 'Søren Sekretær');

    const created = await server.api('POST', '/api/meeting-templates', {
      token: secretary.token,
      body: { ...STANDARD, description: '  Rådets faste punkter  ' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^t-/),
      name: 'Ordinært rådsmøde',
      description: 'Rådets faste punkter',
      items: [
        { title: 'Godkendelse af dagsorden', kind: 'decision', durationMinutes: 5, presenterRole: 'chair' },
        { title: 'Meddelelser fra formanden', kind: 'information', durationMinutes: 10, presenterRole: 'chair' },
        {
          title: 'Orientering fra sekretariatet',
          kind: 'information',
          durationMinutes: 10,
          presenterRole: 'secretary',
        },
        { title: 'Eventuelt', kind: 'discussion', durationMinutes: 10, presenterRole: null, confidential: false },
      ],
    });
    const templateId = created.body.id as string;
    const listed = await server.api('GET', '/api/meeting-templates', { token: (await person('council_member')).token });
    expect(listed.body.map((t: { id: string }) => t.id)).toContain(templateId);

    const made = await server.api('POST', `/api/meeting-templates/${templateId}/meetings`, {
      token: secretary.token,
      body: MEETING,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...MEETING, status: 'draft' });
    const agenda = await agendaOf(made.body.id, secretary.token);
    expect(
      agenda.map(({ title, kind, durationMinutes, presenterId, confidential }) => ({
        title,
        kind,
        durationMinutes,
        presenterId,
        confidential,
      })),
    ).toEqual([
      {
        title: 'Godkendelse af dagsorden',
        kind: 'decision',
        durationMinutes: 5,
        presenterId: chair.id,
        confidential: false,
      },
      {
        title: 'Meddelelser fra formanden',
        kind: 'information',
        durationMinutes: 10,
        presenterId: chair.id,
        confidential: false,
      },
      // The caller holds the role: they present.
      {
        title: 'Orientering fra sekretariatet',
        kind: 'information',
        durationMinutes: 10,
        presenterId: secretary.id,
        confidential: false,
      },
      { title: 'Eventuelt', kind: 'discussion', durationMinutes: 10, presenterId: undefined, confidential: false },
    ]);
    expect(new Set(agenda.map((i) => i.id)).size).toBe(4);
    // The meeting is as any other: listed, and its audit row names the template.
    expect(auditOf(`meeting:${made.body.id}`)).toEqual([
      {
        action: 'meeting.create',
        details: { title: MEETING.title, template: 'Ordinært rådsmøde', templateId },
      },
    ]);

    // A changed template makes the next meetings; meetings made before keep their agenda.
    const changed = await server.api('PATCH', `/api/meeting-templates/${templateId}`, {
      token: secretary.token,
      body: { items: [{ title: 'Eventuelt', kind: 'discussion' }] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Ordinært rådsmøde', items: [{ title: 'Eventuelt' }] });
    expect(changed.body.updatedAt >= created.body.updatedAt).toBe(true);
    expect((await server.api('DELETE', `/api/meeting-templates/${templateId}`, { token: chair.token })).status).toBe(
      204,
    );
    expect((await server.api('GET', `/api/meeting-templates/${templateId}`, { token: chair.token })).status).toBe(404);
    expect(await agendaOf(made.body.id, chair.token)).toHaveLength(4);
    expect(auditOf(`template:${templateId}`).map((a) => a.action)).toEqual([
      'template.create',
      'template.update',
      'template.delete',
    ]);
  });

  it('is made from a meeting’s agenda: items and presenter roles, never notes, removed items or decisions', async () => {
    const chair = await person('chair');
    const member = await person('council_member');
    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Godkendelse af dagsorden',
            kind: 'decision',
            durationMinutes: 5,
            confidential: false,
            presenterId: chair.id,
          },
          {
            id: 'i2',
            title: 'Oplæg om arkitektur',
            kind: 'discussion',
            durationMinutes: 30,
            confidential: false,
            presenterId: member.id,
          },
          { id: 'i3', title: 'Leverandørsag', kind: 'decision', durationMinutes: 20, confidential: true },
          { id: 'i4', title: 'Fjernet punkt', kind: 'information', durationMinutes: 5, confidential: false },
        ],
        notes: { i1: ['HEMMELIGE-NOTER'] },
        decisions: { i1: { title: 'Dagsordenen godkendt', text: 'BESLUTNINGSTEKST', status: 'adopted' } },
      },
    });
    const editor = await connectClient(server.wsUrl, docNames.meeting(meeting.id), chair.token);
    removeAgendaItem({ open: editor.doc }, 'i4', chair.id);
    await editor.synced();
    editor.destroy();
    const res = await server.api('POST', '/api/meeting-templates/from-meeting', {
      token: chair.token,
      body: { meetingId: meeting.id, name: 'Som decembermødet' },
    });
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([
      {
        title: 'Godkendelse af dagsorden',
        kind: 'decision',
        durationMinutes: 5,
        presenterRole: 'chair',
        confidential: false,
      },
      {
        title: 'Oplæg om arkitektur',
        kind: 'discussion',
        durationMinutes: 30,
        presenterRole: null,
        confidential: false,
      },
      { title: 'Leverandørsag', kind: 'decision', durationMinutes: 20, presenterRole: null, confidential: true },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/HEMMELIGE|BESLUTNINGSTEKST/);
    expect(auditOf(`template:${res.body.id}`)).toEqual([
      { action: 'template.create', details: { name: 'Som decembermødet', items: 3, meetingId: meeting.id } },
    ]);
    // A draft is the council's: outside it, the meeting does not exist.
    const draft = await server.factory.meeting({ status: 'draft' });
    const fromDraft = await server.api('POST', '/api/meeting-templates/from-meeting', {
      token: chair.token,
      body: { meetingId: draft.id, name: 'Fra kladden' },
    });
    expect(fromDraft.status).toBe(201);
  });

  it('reads a malformed row as a template without what is wrong with it, never failing the list', async () => {
    const { token } = await person('chair');
    const insert = server.council.db.prepare(
      `INSERT INTO meeting_templates (id, name, description, items, created_at, updated_at)
       VALUES (?, ?, '', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    insert.run('t-broken', 'Ødelagt', '{not json');
    insert.run('t-object', 'Objekt', '{"title":"x"}');
    insert.run(
      't-mixed',
      'Blandet',
      JSON.stringify([
        { title: 'Godt punkt', kind: 'information', durationMinutes: 5, presenterRole: null, confidential: false },
        { title: 'Ukendt type', kind: 'vote', durationMinutes: 5, presenterRole: null, confidential: false },
        'ikke et punkt',
      ]),
    );
    const list = await server.api('GET', '/api/meeting-templates', { token });
    expect(list.status).toBe(200);
    const byId = new Map(list.body.map((t: { id: string; items: unknown[] }) => [t.id, t.items]));
    expect(byId.get('t-broken')).toEqual([]);
    expect(byId.get('t-object')).toEqual([]);
    expect(byId.get('t-mixed')).toEqual([
      { title: 'Godt punkt', kind: 'information', durationMinutes: 5, presenterRole: null, confidential: false },
    ]);
    const made = await server.api('POST', '/api/meeting-templates/t-mixed/meetings', { token, body: MEETING });
    expect(made.status).toBe(201);
    expect((await agendaOf(made.body.id, token)).map((i) => i.title)).toEqual(['Godt punkt']);
  });
});
