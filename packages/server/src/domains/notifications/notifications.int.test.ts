import { docNames, MEETING_FIELDS } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';
import { startSmtp, type TestSmtp } from '../../testing/smtp.ts';

let smtp: TestSmtp;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer(undefined, null, {
    COUNCIL_SMTP_URL: smtp.url,
    COUNCIL_MAIL_FROM: 'Council <raad@test.example>',
  });
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});

const login = async (person: { email: string; password: string }) =>
  (await server.api('POST', '/api/auth/login', { body: { email: person.email, password: person.password } })).body
    .token as string;
const notificationsOf = async (token: string) => (await server.api('GET', '/api/notifications', { token })).body;
const mailsTo = (email: string) => smtp.mails.filter((m) => JSON.stringify(m.to).includes(email));

async function groupWithLead() {
  const lead = await server.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
  const member = await server.factory.person({ role: 'group_member', name: 'Ida Sørensen' });
  const group = await server.factory.group({
    members: [
      { personId: lead.id, role: 'lead' },
      { personId: member.id, role: 'member' },
    ],
  });
  return { lead, member, group, leadToken: await login(lead), memberToken: await login(member) };
}

describe('notifications', () => {
  it('tells an assignee of a task, in the app and by mail at once, and never the person who assigned it', async () => {
    const { lead, member, group, leadToken, memberToken } = await groupWithLead();
    const made = await server.api('POST', `/api/groups/${group.id}/tasks`, {
      token: leadToken,
      body: { title: 'Kortlæg integrationer', assigneeId: member.id },
    });
    expect(made.status).toBe(201);
    await waitFor(async () => (await notificationsOf(memberToken)).unread === 1, 'the member to be told');
    const list = await notificationsOf(memberToken);
    expect(list.items[0]).toMatchObject({
      kind: 'taskAssigned',
      params: { task: 'Kortlæg integrationer', group: 'Testgruppe' },
      url: `/groups/${group.id}?task=${made.body.id}`,
      readAt: null,
    });
    expect((await notificationsOf(leadToken)).items).toEqual([]);

    await waitFor(() => mailsTo(member.email).length === 1, 'the mail to arrive');
    const [mail] = mailsTo(member.email);
    expect(mail?.subject).toBe('Du har fået opgaven «Kortlæg integrationer» i Testgruppe.');
    expect(mail?.from?.value[0]).toMatchObject({ name: 'Council', address: 'raad@test.example' });
    expect(mail?.text).toContain('Hej Ida Sørensen');
    expect(mail?.text).toContain(`${server.url}/groups/${group.id}?task=${made.body.id}`);
    expect(mail?.html).toContain(`href="${server.url}/groups/${group.id}?task=${made.body.id}"`);
    // Unfolded: a long header is folded onto a second line.
    const header = (name: string) =>
      (mail?.headerLines.find((h) => h.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toMatch(
      new RegExp(`^List-Unsubscribe: <${server.url}/api/notifications/unsubscribe\\?p=`),
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mailsTo(lead.email)).toEqual([]);
  });

  it('marks one read or all, each person only their own', async () => {
    const { member, group, leadToken, memberToken } = await groupWithLead();
    for (const title of ['Første', 'Anden']) {
      await server.api('POST', `/api/groups/${group.id}/tasks`, {
        token: leadToken,
        body: { title, assigneeId: member.id },
      });
    }
    await waitFor(async () => (await notificationsOf(memberToken)).unread === 2, 'two notifications');
    const [newest] = (await notificationsOf(memberToken)).items;
    expect((await server.api('POST', `/api/notifications/${newest.id}/read`, { token: leadToken })).status).toBe(404);
    expect((await server.api('POST', `/api/notifications/${newest.id}/read`, { token: memberToken })).status).toBe(204);
    expect((await notificationsOf(memberToken)).unread).toBe(1);
    expect((await server.api('POST', '/api/notifications/read-all', { token: memberToken })).body).toEqual({
      marked: 1,
    });
    expect((await notificationsOf(memberToken)).unread).toBe(0);
    expect((await server.api('GET', '/api/notifications')).status).toBe(401);
  });

  it('tells the lead of a volunteer and the volunteer of the answer; an architect of a call that matches', async () => {
    const { lead, group, leadToken } = await groupWithLead();
    const architect = await server.factory.person({ name: 'Morten Jørgensen', competencies: ['Integration'] });
    const other = await server.factory.person({ competencies: ['Jura'] });
    const architectToken = await login(architect);
    const call = await server.api('POST', `/api/groups/${group.id}/calls`, {
      token: leadToken,
      body: { competencies: ['integration'], note: 'Vi søger en integrationsarkitekt.' },
    });
    expect(call.status).toBe(201);
    expect((await notificationsOf(architectToken)).items[0]).toMatchObject({
      kind: 'callMatching',
      params: { group: 'Testgruppe', call: 'integration' },
    });
    expect((await notificationsOf(await login(other))).items).toEqual([]);

    await server.api('POST', `/api/calls/${call.body.id}/volunteer`, {
      token: architectToken,
      body: { note: 'Gerne' },
    });
    expect((await notificationsOf(leadToken)).items[0]).toMatchObject({
      kind: 'volunteerWaiting',
      params: { person: 'Morten Jørgensen', group: 'Testgruppe' },
    });
    await server.api('POST', `/api/calls/${call.body.id}/volunteers/${architect.id}/accept`, { token: leadToken });
    expect((await notificationsOf(architectToken)).items[0]).toMatchObject({
      kind: 'volunteerDecided',
      params: { decision: 'accepted' },
    });
    // Those kinds wait for the digest by default: no mail yet.
    expect(mailsTo(lead.email)).toEqual([]);
    expect(mailsTo(architect.email)).toEqual([]);
  });

  it('tells the council an agenda is published and minutes approved, with the numbered decisions, and the assignee of an action point', async () => {
    const chair = await server.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
    const member = await server.factory.person({ role: 'council_member', name: 'Henrik Dahl' });
    const architect = await server.factory.person({ role: 'network_architect' });
    const chairToken = await login(chair);
    const memberToken = await login(member);
    const draft = await server.factory.meeting({ status: 'draft', title: 'Rådsmøde 1/2027' });
    expect((await server.api('POST', `/api/meetings/${draft.id}/publish`, { token: chairToken })).status).toBe(200);
    // The council is invited (the mail carries the event, invitations.int.test.ts), the chair who
    // published included: her calendar needs it too.
    for (const token of [memberToken, chairToken]) {
      expect((await notificationsOf(token)).items).toMatchObject([
        {
          kind: 'meetingInvitation',
          params: { meeting: 'Rådsmøde 1/2027', meetingId: draft.id },
          url: `/meetings/${draft.id}`,
        },
      ]);
    }
    expect((await notificationsOf(await login(architect))).items).toEqual([]);

    const meeting = await server.factory.meeting({
      status: 'minutes-draft',
      title: 'Rådsmøde 2/2027',
      content: {
        agenda: [
          { id: 'i1', title: 'Rammearkitektur', kind: 'decision', durationMinutes: 30, confidential: false },
          { id: 'i2', title: 'Udbud af hosting', kind: 'decision', durationMinutes: 30, confidential: true },
        ],
        decisions: {
          i1: { title: 'Principper vedtaget', text: 'Rådet vedtager principperne.', status: 'adopted' },
          i2: { title: 'Leverandør valgt', text: 'Hemmelig pris: 4,2 mio. kr.', status: 'adopted' },
        },
        actions: [{ id: 'a1', title: 'Send principperne i høring', assigneeId: member.id, due: '2027-03-01' }],
      },
    });
    const approved = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chairToken,
      body: { confirm: ['attendance'] },
    });
    expect(approved.status).toBe(200);
    const items = (await notificationsOf(memberToken)).items;
    const minutes = items.find((n: { kind: string }) => n.kind === 'minutesApproved');
    expect(minutes.lines).toHaveLength(2);
    expect(minutes.lines[0]).toMatch(/^\d{4}-\d{3} Principper vedtaget$/);
    expect(minutes.lines[1]).toMatch(/^\d{4}-\d{3} Leverandør valgt$/);
    expect(items.find((n: { kind: string }) => n.kind === 'actionAssigned')).toMatchObject({
      params: { action: 'Send principperne i høring', meeting: 'Rådsmøde 2/2027' },
    });
    // The action point is the member's own to do: mailed at once, and it names no content of a confidential item.
    await waitFor(() => mailsTo(member.email).length === 1, 'the action point mail');
    for (const mail of mailsTo(member.email)) {
      expect(`${mail.text}${mail.html}`).not.toContain('Hemmelig pris');
    }
  });

  it('tells the council when a published agenda changes, not its editor, and once an hour however much is typed', async () => {
    const secretary = await server.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    const member = await server.factory.person({ role: 'council_member' });
    const secretaryToken = await login(secretary);
    const memberToken = await login(member);
    const meeting = await server.factory.meeting({ status: 'published', title: 'Rådsmøde 3/2027' });
    const editor = await connectClient(server.wsUrl, docNames.meeting(meeting.id), secretaryToken);
    const title = () =>
      (editor.doc.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda).get(0) as Y.Map<unknown>).get('title') as Y.Text;
    const changed = async (token: string) =>
      (await notificationsOf(token)).items.filter((n: { kind: string }) => n.kind === 'agendaChanged');
    title().insert(0, 'Ændret: ');
    await editor.synced();
    await server.council.settle();
    await waitFor(async () => (await changed(memberToken)).length === 1, 'the member to be told');
    expect((await changed(memberToken))[0]).toMatchObject({
      params: { meeting: 'Rådsmøde 3/2027' },
      url: `/meetings/${meeting.id}`,
    });
    expect(await changed(secretaryToken)).toEqual([]);
    title().insert(0, 'Igen ');
    await editor.synced();
    await server.council.settle();
    expect(await changed(memberToken)).toHaveLength(1);
    editor.destroy();
  });
});
