import { type Actor, can, type RsvpInput, type Rsvps } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden } from '../../http/errors.ts';
import type { Outbox } from '../../outbox/Outbox.ts';
import type { Repos } from '../repos.ts';
import type { MeetingsService } from './service.ts';

/**
 * Replies to the invitation a published agenda sends the council (see MeetingsService.invite): each
 * invited member says before the meeting whether they come, and a decline with its reason becomes
 * apologies (afbud) in the meeting's attendance, through the outbox so that a crash after the commit
 * delays it but never loses it. The reason is the council's to read, not the network's.
 */
export class RsvpService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly outbox: Outbox,
  ) {}

  async list(actor: Actor, meetingId: string): Promise<Rsvps> {
    const meeting = await this.meetings.visible(actor, meetingId);
    const council = can(actor, 'edit', { type: 'meeting', status: 'draft' });
    const names = new Map((await this.repos.people.list()).map((p) => [p.id, p.name]));
    const replies = this.db
      .prepare<
        [string],
        { personId: string; response: 'accepted' | 'declined'; reason: string | null; respondedAt: string }
      >(
        `SELECT person_id AS personId, response, reason, responded_at AS respondedAt FROM meeting_rsvps
         WHERE meeting_id = ? ORDER BY responded_at`,
      )
      .all(meeting.id)
      .filter((r) => council || r.personId === actor.id)
      .map((r) => ({ ...r, name: names.get(r.personId) ?? r.personId }));
    return { replies };
  }

  async reply(actor: Actor, meetingId: string, input: RsvpInput): Promise<Rsvps> {
    const meeting = await this.meetings.visible(actor, meetingId);
    if (!can(actor, 'rsvp', { type: 'meeting', status: 'published' })) {
      throw forbidden('The council’s members reply to its invitations.');
    }
    if (meeting.status !== 'published') {
      throw conflict(`The meeting is ${meeting.status}; invitations are answered before the meeting.`);
    }
    const reason = input.reason || null;
    await inTransaction(this.db, async () => {
      this.db
        .prepare(
          `INSERT INTO meeting_rsvps (meeting_id, person_id, response, reason, responded_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (meeting_id, person_id) DO UPDATE SET response = excluded.response, reason = excluded.reason,
             responded_at = excluded.responded_at`,
        )
        .run(meetingId, actor.id, input.response, reason, new Date().toISOString());
      await this.repos.audit.record(actor.id, 'meeting.rsvp', `meeting:${meetingId}`, {
        response: input.response,
        ...(reason ? { reason } : {}),
      });
      this.outbox.add('meeting.rsvp', { meetingId, personId: actor.id, response: input.response });
    });
    await this.outbox.drain();
    return this.list(actor, meetingId);
  }
}
