import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const login = async (p: { email: string; password: string }) =>
  (await server.api('POST', '/api/auth/login', { body: { email: p.email, password: p.password } })).body
    .token as string;
const auditOf = (groupId: string) =>
  (
    server.council.db.prepare('SELECT action FROM audit WHERE resource = ? ORDER BY id').all(`group:${groupId}`) as {
      action: string;
    }[]
  ).map((a) => a.action);

describe('working groups and recruitment', () => {
  it('lets the council create a group (400/403 otherwise), optionally from a decision shown on both sides', async () => {
    const lead = await server.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const council = await server.signIn('council_member');
    const architect = await server.signIn('network_architect');
    const body = {
      name: 'Arbejdsgruppe for identitet',
      purpose: 'Fælles brugerstyring',
      leadIds: [lead.id],
      startDate: '2027-01-01',
      reportDate: '2027-03-01',
      endDate: '2027-12-31',
    };
    expect((await server.api('POST', '/api/groups', { token: architect.token, body })).status).toBe(403);
    const noLead = await server.api('POST', '/api/groups', { token: council.token, body: { ...body, leadIds: [] } });
    expect(noLead.status).toBe(400);
    expect(noLead.body.error.issues[0].path).toEqual(['leadIds']);
    const backwards = await server.api('POST', '/api/groups', {
      token: council.token,
      body: { ...body, endDate: '2026-01-01' },
    });
    expect(backwards.body.error.issues[0].path).toEqual(['endDate']);
    const ghost = await server.api('POST', '/api/groups', {
      token: council.token,
      body: { ...body, leadIds: ['nobody'] },
    });
    expect(ghost.body.error.issues[0].path).toEqual(['leadIds', 0]);

    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Identitet', kind: 'decision', durationMinutes: 10, confidential: false }],
        decisions: { i1: { title: 'Arbejdsgruppe nedsættes', text: '', status: 'adopted' } },
      },
    });
    const chair = await server.signIn('chair');
    await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    const [decision] = (await server.api('GET', `/api/decisions?meeting=${meeting.id}`, { token: chair.token })).body
      .items;
    const created = await server.api('POST', '/api/groups', {
      token: council.token,
      body: { ...body, decisionNumber: decision.number },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'forming',
      decisionNumber: decision.number,
      members: [{ personId: lead.id, role: 'lead' }],
    });
    const page = await server.api('GET', `/api/decisions/${decision.number}`, { token: architect.token });
    expect(page.body.groups).toEqual([{ id: created.body.id, name: 'Arbejdsgruppe for identitet' }]);
    expect(auditOf(created.body.id)).toEqual(['group.create', 'group.member.add']);

    const leadToken = await login(lead);
    const updated = await server.api('PATCH', `/api/groups/${created.body.id}`, {
      token: leadToken,
      body: { status: 'active' },
    });
    expect(updated.body.status).toBe('active');
    expect(
      (
        await server.api('PATCH', `/api/groups/${created.body.id}`, {
          token: architect.token,
          body: { status: 'active' },
        })
      ).status,
    ).toBe(403);
  });

  it('runs a call for participation: volunteer, answer, membership, and the 409s', async () => {
    const lead = await server.factory.person({ role: 'group_lead' });
    const group = await server.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const leadToken = await login(lead);
    const ida = await server.factory.person({ role: 'network_architect', name: 'Ida Sørensen' });
    const idaToken = await login(ida);
    const other = await server.factory.person({ role: 'network_architect', name: 'Ole Møller' });
    const otherToken = await login(other);

    expect(
      (await server.api('POST', `/api/groups/${group.id}/calls`, { token: idaToken, body: { note: 'Kom med' } }))
        .status,
    ).toBe(403);
    // A blank call is refused, naming the field.
    const blank = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: await login(lead),
      body: { competencies: [], note: '  ' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['note']);
    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: leadToken,
      body: { competencies: ['identitet', 'sikkerhed'], note: 'Vi søger to arkitekter.' },
    });
    expect(call.status).toBe(201);
    const callId = call.body.id;

    const open = (await server.api('GET', '/api/calls?status=open', { token: idaToken })).body;
    expect(open).toEqual([
      expect.objectContaining({ id: callId, competencies: ['identitet', 'sikkerhed'], mine: null, volunteers: [] }),
    ]);
    expect(
      (
        await server.api('POST', `/api/calls/${callId}/volunteer`, {
          token: idaToken,
          body: { note: 'Jeg har arbejdet med MitID.' },
        })
      ).status,
    ).toBe(201);
    const twice = await server.api('POST', `/api/calls/${callId}/volunteer`, { token: idaToken, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('already volunteered');
    await server.api('POST', `/api/calls/${callId}/volunteer`, { token: otherToken, body: {} });

    const forLead = (await server.api('GET', `/api/calls?group=${group.id}`, { token: leadToken })).body[0];
    expect(forLead.volunteers.map((v: { name: string; status: string }) => `${v.name}:${v.status}`)).toEqual([
      'Ida Sørensen:pending',
      'Ole Møller:pending',
    ]);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${ida.id}/accept`, { token: otherToken })).status,
    ).toBe(403);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${ida.id}/accept`, { token: leadToken })).status,
    ).toBe(204);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${ida.id}/decline`, { token: leadToken })).status,
    ).toBe(409);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${ida.id}/maybe`, { token: leadToken })).status,
    ).toBe(400);

    // The volunteer sees the answer, and is now a member who may add tasks.
    expect((await server.api('GET', '/api/calls', { token: idaToken })).body[0].mine).toBe('accepted');
    expect(
      (await server.api('GET', `/api/groups/${group.id}`, { token: idaToken })).body.members.map(
        (m: { personId: string }) => m.personId,
      ),
    ).toContain(ida.id);
    expect(
      (await server.api('POST', `/api/groups/${group.id}/tasks`, { token: idaToken, body: { title: 'Kortlæg login' } }))
        .status,
    ).toBe(201);

    expect((await server.api('POST', `/api/calls/${callId}/close`, { token: leadToken })).status).toBe(204);
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteers/${other.id}/accept`, { token: leadToken })).status,
    ).toBe(409);
    const late = await server.factory.person({ role: 'network_architect' });
    expect(
      (await server.api('POST', `/api/calls/${callId}/volunteer`, { token: await login(late), body: {} })).status,
    ).toBe(409);
    expect(auditOf(group.id)).toEqual([
      'group.call.open',
      'group.volunteer',
      'group.volunteer',
      'group.member.add',
      'group.call.close',
    ]);
  });

  it('keeps calls of closed groups from outsiders', async () => {
    const lead = await server.factory.person({ role: 'group_lead' });
    const group = await server.factory.group({ visibility: 'closed', members: [{ personId: lead.id, role: 'lead' }] });
    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: await login(lead),
      body: { note: 'Vi søger en arkitekt.' },
    });
    const outsider = await server.signIn('network_architect');
    expect(
      (await server.api('GET', '/api/calls', { token: outsider.token })).body.map((c: { id: string }) => c.id),
    ).not.toContain(call.body.id);
    expect(
      (await server.api('POST', `/api/calls/${call.body.id}/volunteer`, { token: outsider.token, body: {} })).status,
    ).toBe(404);
  });
});

describe('the network', () => {
  it('filters the directory by competence, organisation and text', async () => {
    const { token } = await server.signIn('observer');
    await server.factory.person({ name: 'Trine Bach' });
    server.council.db
      .prepare(
        "UPDATE people SET competencies = '[\"GDPR\",\"cloud\"]', organisation = 'Vejle Kommune' WHERE name = 'Trine Bach'",
      )
      .run();
    const names = async (q: string) =>
      (await server.api('GET', `/api/people?${q}`, { token })).body.map((p: { name: string }) => p.name);
    expect(await names('competence=gdpr')).toEqual(['Trine Bach']);
    expect(await names('organisation=vejle')).toEqual(['Trine Bach']);
    expect(await names('q=bach')).toEqual(['Trine Bach']);
    // Each person's groups, but never a closed group the reader cannot see.
    const trine = server.council.db.prepare("SELECT id FROM people WHERE name = 'Trine Bach'").get() as { id: string };
    const open = await server.factory.group({ visibility: 'open', members: [{ personId: trine.id, role: 'member' }] });
    await server.factory.group({ visibility: 'closed', members: [{ personId: trine.id, role: 'member' }] });
    const [entry] = (await server.api('GET', '/api/people?q=trine', { token })).body;
    expect(entry.groupNames).toEqual([{ id: open.id, name: 'Testgruppe' }]);
  });

  it('lets people edit their own profile but not their role, and admins set roles with an audit row', async () => {
    const me = await server.signIn('network_architect');
    const profile = await server.api('PATCH', '/api/me/profile', {
      token: me.token,
      body: { title: 'Enterprise-arkitekt', competencies: ['data'], role: 'admin' },
    });
    expect(profile.body).toMatchObject({
      title: 'Enterprise-arkitekt',
      competencies: ['data'],
      role: 'network_architect',
    });
    expect((await server.api('PATCH', '/api/me/profile', { token: me.token, body: { name: '' } })).status).toBe(400);
    expect(
      (await server.api('PATCH', `/api/people/${me.personId}/role`, { token: me.token, body: { role: 'admin' } }))
        .status,
    ).toBe(403);
    const admin = await server.signIn('admin');
    const changed = await server.api('PATCH', `/api/people/${me.personId}/role`, {
      token: admin.token,
      body: { role: 'group_member' },
    });
    expect(changed.body.role).toBe('group_member');
    expect((await server.api('GET', '/api/me', { token: me.token })).body.role).toBe('group_member');
    const row = server.council.db
      .prepare("SELECT details FROM audit WHERE action = 'person.role' AND resource = ?")
      .get(`person:${me.personId}`) as { details: string };
    expect(JSON.parse(row.details)).toEqual({ from: 'network_architect', to: 'group_member' });
  });
});
