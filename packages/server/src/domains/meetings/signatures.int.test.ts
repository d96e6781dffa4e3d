import { docNames, MEETING_FIELDS, ROLES, type Role } from '@council/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';

/** Final approval here needs every attendee present to have signed. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(undefined, null, { COUNCIL_MINUTES_SIGNOFF: 'all' });
});
afterAll(() => server.stop());

const person = (role: Role, name?: string) => server.person(role, name);

/** A meeting in `status` at which `present` were present and `absent` were not. */
async function meetingWith(
  status: 'in-session' | 'minutes-draft' | 'approved',
  present: string[],
  absent: string[] = [],
) {
  return server.factory.meeting({
    status,
    title: 'Rådsmøde 5/2027',
    content: {
      agenda: [{ id: 'i1', title: 'Orientering', kind: 'information', durationMinutes: 15, confidential: false }],
      notes: { i1: ['Sekretariatet orienterede.'] },
      attendance: Object.fromEntries([
        ...present.map((id) => [id, 'present'] as const),
        ...absent.map((id) => [id, 'absent'] as const),
      ]),
    },
  });
}

const signatures = (id: string, token: string) => server.api('GET', `/api/meetings/${id}/signatures`, { token });

describe('signing the minutes', () => {
  it('is for attendees who were present, on draft minutes, once; withdrawn until approval; the state matrix answers 409', async () => {
    const chair = await person('chair', 'Mette Kjærgaard');
    const member = await person('council_member', 'Henrik Dahl');
    const absentee = await person('council_member', 'Hanne Berg');
    const meeting = await meetingWith('minutes-draft', [chair.id, member.id], [absentee.id]);
    const path = `/api/meetings/${meeting.id}/signatures`;

    for (const role of ROLES.filter((r) => !['chair', 'secretary', 'council_member'].includes(r))) {
      const other = await person(role, `Anden ${role}`);
      // Draft minutes are for everyone to read; only the chair, the secretary and members sign.
      expect((await server.api('POST', path, { token: other.token })).status, role).toBe(403);
    }
    const notPresent = await server.api('POST', path, { token: absentee.token });
    expect(notPresent.status).toBe(400);
    expect(notPresent.body.error.issues[0]).toMatchObject({ path: ['signature'], params: { rule: 'not_present' } });

    const signed = await server.api('POST', path, { token: member.token });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ rule: 'all', satisfied: false });
    expect(signed.body.signers).toEqual([
      { personId: chair.id, name: 'Mette Kjærgaard', signedAt: null },
      { personId: member.id, name: 'Henrik Dahl', signedAt: expect.any(String) },
    ]);
    const twice = await server.api('POST', path, { token: member.token });
    expect(twice.status).toBe(400);
    expect(twice.body.error.issues[0].params.rule).toBe('already_signed');

    // Approval needs everyone present under 'all'.
    const blocked = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.issues.map((i: { code: string }) => i.code)).toContain('signatures_missing');

    expect((await server.api('DELETE', path, { token: member.token })).body.signers[1].signedAt).toBeNull();
    expect((await server.api('DELETE', path, { token: member.token })).status).toBe(400);
    for (const p of [member, chair]) expect((await server.api('POST', path, { token: p.token })).status).toBe(200);
    expect((await signatures(meeting.id, chair.token)).body.satisfied).toBe(true);
    const approved = await server.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    expect(approved.status).toBe(200);
    // Approved: frozen, and the minutes list who signed.
    expect((await server.api('DELETE', path, { token: member.token })).status).toBe(409);
    expect((await server.api('POST', path, { token: member.token })).status).toBe(409);
    const minutes = await server.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: member.token });
    expect(minutes.body.markdown).toContain('## Underskrevet af');
    expect(minutes.body.markdown).toMatch(/- Henrik Dahl, \d+\. \w+ \d{4}/);
    const audit = server.council.db
      .prepare("SELECT action FROM audit WHERE resource = ? AND action LIKE 'meeting.sign%' ORDER BY id")
      .all(`meeting:${meeting.id}`)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['meeting.sign', 'meeting.signature.withdraw', 'meeting.sign', 'meeting.sign']);

    const inSession = await meetingWith('in-session', [member.id]);
    expect((await server.api('POST', `/api/meetings/${inSession.id}/signatures`, { token: member.token })).status).toBe(
      409,
    );
  });

  it('asks those present to sign when the meeting closes; a change to the minutes clears a signature and tells the signer', async () => {
    const secretary = await person('secretary', 'Thomas Lykke');
    const member = await person('council_member', 'Ida Berg');
    const meeting = await meetingWith('in-session', [secretary.id, member.id]);
    expect((await server.api('POST', `/api/meetings/${meeting.id}/close`, { token: secretary.token })).status).toBe(
      200,
    );
    const told = async (kind: string) =>
      (await server.api('GET', '/api/notifications', { token: member.token })).body.items.filter(
        (n: { kind: string }) => n.kind === kind,
      );
    expect(await told('signoffRequested')).toHaveLength(1);

    expect((await server.api('POST', `/api/meetings/${meeting.id}/signatures`, { token: member.token })).status).toBe(
      200,
    );
    // Nothing changed: the projector's next run keeps the signature.
    await server.council.settle();
    expect(
      (await signatures(meeting.id, member.token)).body.signers.find(
        (s: { personId: string }) => s.personId === member.id,
      ).signedAt,
    ).not.toBeNull();

    const editor = await connectClient(server.wsUrl, docNames.meeting(meeting.id), secretary.token);
    const title = (editor.doc.getArray<Y.Map<unknown>>(MEETING_FIELDS.agenda).get(0) as Y.Map<unknown>).get(
      'title',
    ) as Y.Text;
    title.insert(title.length, ' (rettet)');
    await editor.synced();
    await server.council.settle();
    await waitFor(async () => (await told('signatureCleared')).length === 1, 'the signer to be told');
    expect(
      (await signatures(meeting.id, member.token)).body.signers.find(
        (s: { personId: string }) => s.personId === member.id,
      ).signedAt,
    ).toBeNull();
    editor.destroy();
    // Signing again holds.
    expect((await server.api('POST', `/api/meetings/${meeting.id}/signatures`, { token: member.token })).status).toBe(
      200,
    );
  });
});
