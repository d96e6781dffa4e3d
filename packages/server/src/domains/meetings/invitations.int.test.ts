import { docNames, MEETING_FIELDS, MEETING_STATUSES, ROLES, type Role } from '@council/shared';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { connectClient, startTestServer, type TestServer, waitFor } from '../../testing/server.ts';
import { startSmtp, type TestSmtp } from '../../testing/smtp.ts';

/** Invitations by mail with the meeting's iCalendar event, and replies that become apologies. */
let smtp: TestSmtp;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer(undefined, null, {
    COUNCIL_SMTP_URL: smtp.url,
    COUNCIL_MAIL_FROM: 'Kommunernes It-Arkitekturråd <raadet@example.dk>',
  });
});
afterAll(async () => {
  await server.stop();
  await smtp.close();
});

type Person = Awaited<ReturnType<typeof person>>;
const person = (role: Role, name?: string) => server.person(role, name);

/** The calendar part of the mails a person got, unfolded, in the order they arrived. */
const calendarsOf = (email: string) =>
  smtp.mails
    .filter((m: ParsedMail) => m.text && (m.to as { text: string } | undefined)?.text.includes(email))
    .flatMap((m) => m.attachments.filter((a) => a.contentType.startsWith('text/calendar')))
    .map((a) => a.content.toString('utf8').replace(/\r\n[ \t]/g, ''));
const line = (ics: string, name: string) => ics.split('\r\n').find((l) => l.startsWith(name));
const attendanceOf = (doc: Y.Doc) => Object.fromEntries(doc.getMap(MEETING_FIELDS.attendance).entries());

describe('invitations', () => {
  it('publishing invites the council by mail with a stable event; a change sends an update, a cancellation a CANCEL', async () => {
    const secretary = await person('secretary', 'Thomas Lykke');
    const member = await person('council_member', 'Henrik Dahl');
    const architect = await person('network_architect', 'Nadia Holm');
    const meeting = await server.factory.meeting({ status: 'draft', title: 'Rådsmøde 10/2027' });
    const path = `/api/meetings/${meeting.id}`;
    expect((await server.api('POST', `${path}/publish`, { token: secretary.token })).status).toBe(200);
    await waitFor(() => calendarsOf(member.email).length === 1, 'the invitation');
    const [invitation] = calendarsOf(member.email) as [string];
    expect(line(invitation, 'METHOD')).toBe('METHOD:REQUEST');
    expect(line(invitation, 'UID')).toBe(`UID:${meeting.id}@council`);
    expect(line(invitation, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(line(invitation, 'ORGANIZER')).toMatch(/mailto:raadet@example\.dk$/i);
    // Replies are given in Council: a calendar's reply by mail would reach no one who records it.
    expect(line(invitation, 'ATTENDEE')).toMatch(/RSVP=FALSE.*:mailto:/i);
    expect(invitation).toContain(member.email);
    expect(invitation).toContain('SUMMARY:Rådsmøde 10/2027');
    // The one who published is invited too; the network is not.
    await waitFor(() => calendarsOf(secretary.email).length === 1, 'the publisher’s invitation');
    expect(calendarsOf(architect.email)).toEqual([]);

    const moved = new Date(new Date(meeting.startsAt).getTime() + 3_600_000).toISOString();
    const endsAt = new Date(new Date(meeting.endsAt).getTime() + 3_600_000).toISOString();
    expect(
      (await server.api('PATCH', path, { token: secretary.token, body: { startsAt: moved, endsAt } })).status,
    ).toBe(200);
    // A change that changes nothing sends nothing.
    expect((await server.api('PATCH', path, { token: secretary.token, body: { location: 'København' } })).status).toBe(
      200,
    );
    await waitFor(() => calendarsOf(member.email).length === 2, 'the update');
    const update = calendarsOf(member.email)[1] as string;
    expect(line(update, 'METHOD')).toBe('METHOD:REQUEST');
    expect(line(update, 'UID')).toBe(`UID:${meeting.id}@council`);
    expect(line(update, 'SEQUENCE')).toBe('SEQUENCE:1');

    const cancelled = await server.api('POST', `${path}/cancel`, {
      token: secretary.token,
      body: { reason: 'For få tilmeldte' },
    });
    expect(cancelled.status).toBe(200);
    await waitFor(() => calendarsOf(member.email).length === 3, 'the cancellation');
    const cancel = calendarsOf(member.email)[2] as string;
    expect(line(cancel, 'METHOD')).toBe('METHOD:CANCEL');
    expect(line(cancel, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(line(cancel, 'STATUS')).toBe('STATUS:CANCELLED');
    // The feed agrees with the mail: same UID, same SEQUENCE.
    const feed = (await fetch(`${server.url}${path}/calendar.ics`, {
      headers: { authorization: `Bearer ${member.token}` },
    }).then((r) => r.text())) as string;
    expect(line(feed, 'SEQUENCE')).toBe('SEQUENCE:2');
    const subjects = smtp.mails
      .filter((m) => (m.to as { text: string }).text.includes(member.email))
      .map((m) => m.subject);
    expect(subjects).toEqual([
      expect.stringMatching(/^Du er inviteret til «Rådsmøde 10\/2027» /),
      expect.stringMatching(/^«Rådsmøde 10\/2027» er ændret og holdes nu /),
      expect.stringMatching(/^«Rådsmøde 10\/2027» .* er aflyst: For få tilmeldte$/),
    ]);
  });

  it('a decline is recorded as apologies with its reason, for the council; accepting takes it back', async () => {
    const secretary = await person('secretary');
    const member = await person('council_member', 'Hanne Berg');
    const architect = await person('network_architect');
    const meeting = await server.factory.meeting({ status: 'published' });
    const path = `/api/meetings/${meeting.id}`;
    const declined = await server.api('POST', `${path}/rsvp`, {
      token: member.token,
      body: { response: 'declined', reason: 'Kommunalbestyrelsesmøde samme dag' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body.replies).toMatchObject([
      { personId: member.id, name: 'Hanne Berg', response: 'declined', reason: 'Kommunalbestyrelsesmøde samme dag' },
    ]);
    // What everyone with the meeting open sees, live.
    const watcher = await connectClient(server.wsUrl, docNames.meeting(meeting.id), secretary.token);
    const read = () => attendanceOf(watcher.doc);
    await waitFor(() => read()[member.id] === 'apologies', 'apologies in the attendance');

    expect((await server.api('GET', `${path}/rsvps`, { token: secretary.token })).body.replies).toHaveLength(1);
    expect((await server.api('GET', `${path}/rsvps`, { token: architect.token })).body.replies).toEqual([]);

    expect(
      (await server.api('POST', `${path}/rsvp`, { token: member.token, body: { response: 'accepted' } })).status,
    ).toBe(200);
    await waitFor(() => read()[member.id] === undefined, 'apologies taken back');
    watcher.destroy();
    const audit = server.council.db
      .prepare("SELECT action FROM audit WHERE resource = ? AND action = 'meeting.rsvp'")
      .all(`meeting:${meeting.id}`);
    expect(audit).toHaveLength(2);
  });

  it('is answered by the council while the meeting is published (403 for others, 409 in any other state), and bad input is refused', async () => {
    const people = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await person(r)] as const)));
    const meeting = await server.factory.meeting({ status: 'published' });
    const byRole = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          (
            await server.api('POST', `/api/meetings/${meeting.id}/rsvp`, {
              token: (people[role] as Person).token,
              body: { response: 'declined' },
            })
          ).status,
        ]),
      ),
    );
    expect(byRole).toEqual(
      Object.fromEntries(ROLES.map((r) => [r, ['chair', 'secretary', 'council_member'].includes(r) ? 200 : 403])),
    );
    const member = people.council_member as Person;
    const states: Record<string, number> = {};
    for (const status of MEETING_STATUSES) {
      const m = await server.factory.meeting({ status });
      states[status] = (
        await server.api('POST', `/api/meetings/${m.id}/rsvp`, { token: member.token, body: { response: 'accepted' } })
      ).status;
    }
    expect(states).toEqual(Object.fromEntries(MEETING_STATUSES.map((s) => [s, s === 'published' ? 200 : 409])));
    for (const body of [{ response: 'maybe' }, {}, { response: 'declined', reason: 'x'.repeat(501) }]) {
      const res = await server.api('POST', `/api/meetings/${meeting.id}/rsvp`, { token: member.token, body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
  });
});
