import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AgendaProposal,
  type AgendaProposals,
  ATTENDEE_ROLES,
  can,
  type NewProposal,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import type { Outbox } from '../../outbox/Outbox.ts';
import type { MeetingsService } from '../meetings/service.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Repos } from '../repos.ts';

interface Row {
  id: string;
  title: string;
  description: string;
  proposedById: string;
  proposedByName: string;
  proposedAt: string;
  status: AgendaProposal['status'];
  meetingId: string | null;
  meetingTitle: string | null;
  reason: string | null;
  decidedAt: string | null;
}

const SELECT = `SELECT a.id, a.title, a.description, a.proposed_by AS proposedById, p.name AS proposedByName,
  a.proposed_at AS proposedAt, a.status, a.meeting_id AS meetingId, m.title AS meetingTitle, a.reason,
  a.decided_at AS decidedAt
  FROM agenda_proposals a JOIN people p ON p.id = a.proposed_by LEFT JOIN meetings m ON m.id = a.meeting_id`;

const present = (r: Row): AgendaProposal => ({
  id: r.id,
  title: r.title,
  description: r.description,
  proposedBy: { id: r.proposedById, name: r.proposedByName },
  proposedAt: r.proposedAt,
  status: r.status,
  meeting: r.meetingId ? { id: r.meetingId, title: r.meetingTitle ?? '' } : null,
  reason: r.reason,
  decidedAt: r.decidedAt,
});

/** The time a proposal gets on the agenda, until the secretary says otherwise. */
const PROPOSAL_MINUTES = 15;

/**
 * The agenda backlog ("forslag til dagsordenen"). Anyone signed in proposes an item, and the chair
 * and the secretary are told (in their digest); they put it on a meeting whose agenda they may
 * still edit, or decline it with a reason, and the proposer is told either way. The item reaches
 * the live agenda through the outbox, committed with the decision. Nothing is deleted: a withdrawn
 * or declined proposal stays listed as such.
 */
export class ProposalsService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
  ) {}

  /** The council sees every proposal, open ones first; anyone else their own. */
  async list(actor: Actor): Promise<AgendaProposals> {
    const all = this.isCouncil(actor);
    const rows = this.db
      .prepare<[number, string], Row>(
        `${SELECT} WHERE (? OR a.proposed_by = ?)
         ORDER BY a.status != 'open', coalesce(a.decided_at, a.proposed_at) DESC LIMIT 200`,
      )
      .all(Number(all), actor.id);
    return { items: rows.map(present) };
  }

  async propose(actor: Actor, input: NewProposal): Promise<AgendaProposal> {
    const id = `pr-${randomUUID().slice(0, 8)}`;
    const person = await this.repos.people.byId(actor.id);
    await inTransaction(this.db, async () => {
      this.db
        .prepare(
          'INSERT INTO agenda_proposals (id, title, description, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, input.title, input.description ?? '', actor.id, new Date().toISOString());
      await this.repos.audit.record(actor.id, 'proposal.create', `proposal:${id}`, { title: input.title });
      const deciders = (await this.repos.people.list())
        .filter((p) => p.role === 'chair' || p.role === 'secretary')
        .map((p) => p.id);
      this.notifier.notify({
        kind: 'proposalReceived',
        recipients: deciders,
        actorId: actor.id,
        dedupeKey: `proposalReceived:${id}`,
        values: { person: person?.name ?? '', proposal: input.title },
        url: '/meetings#proposals',
      });
    });
    this.notifier.afterCommit();
    return this.get(id);
  }

  /** Puts an open proposal on a meeting's agenda, as a discussion item the proposer presents if they attend. */
  async schedule(actor: Actor, id: string, meetingId: string): Promise<AgendaProposal> {
    this.mayDecide(actor);
    const proposal = this.open(await this.get(id));
    const meeting = await this.meetings.visible(actor, meetingId);
    if (!can(actor, 'edit', { type: 'meeting', status: meeting.status })) {
      throw conflict(`The meeting is ${meeting.status}; its agenda can no longer take items.`);
    }
    const proposer = await this.repos.people.byId(proposal.proposedBy.id);
    const itemId = randomUUID().slice(0, 8);
    await inTransaction(this.db, async () => {
      this.decide(id, 'scheduled', actor.id, { meetingId, itemId });
      await this.repos.audit.record(actor.id, 'proposal.schedule', `proposal:${id}`, { meetingId, itemId });
      this.outbox.add('meeting.agendaItem', {
        meetingId,
        item: {
          id: itemId,
          title: proposal.title,
          kind: 'discussion',
          durationMinutes: PROPOSAL_MINUTES,
          confidential: false,
          ...(proposer && ATTENDEE_ROLES.includes(proposer.role) ? { presenterId: proposer.id } : {}),
        },
      });
      this.notifier.notify({
        kind: 'proposalScheduled',
        recipients: [proposal.proposedBy.id],
        actorId: actor.id,
        dedupeKey: `proposalScheduled:${id}`,
        values: { proposal: proposal.title, meeting: meeting.title },
        url: `/meetings/${meetingId}`,
      });
    });
    await this.outbox.drain();
    this.notifier.afterCommit();
    return this.get(id);
  }

  async decline(actor: Actor, id: string, reason: string): Promise<AgendaProposal> {
    this.mayDecide(actor);
    const proposal = this.open(await this.get(id));
    await inTransaction(this.db, async () => {
      this.decide(id, 'declined', actor.id, { reason });
      await this.repos.audit.record(actor.id, 'proposal.decline', `proposal:${id}`, { reason });
      this.notifier.notify({
        kind: 'proposalDeclined',
        recipients: [proposal.proposedBy.id],
        actorId: actor.id,
        dedupeKey: `proposalDeclined:${id}`,
        values: { proposal: proposal.title, reason },
        url: '/meetings#proposals',
      });
    });
    this.notifier.afterCommit();
    return this.get(id);
  }

  /** The proposer takes back a proposal nobody has decided on. */
  async withdraw(actor: Actor, id: string): Promise<AgendaProposal> {
    const proposal = await this.get(id, actor);
    if (!can(actor, 'delete', { type: 'agendaProposal', proposedBy: proposal.proposedBy.id })) {
      throw forbidden('Only the proposer withdraws a proposal.');
    }
    this.open(proposal);
    await inTransaction(this.db, async () => {
      this.decide(id, 'withdrawn', actor.id, {});
      await this.repos.audit.record(actor.id, 'proposal.withdraw', `proposal:${id}`, {});
    });
    return this.get(id);
  }

  private mayDecide(actor: Actor): void {
    if (!can(actor, 'manage', { type: 'agendaProposals' })) {
      throw forbidden('The chair and the secretary decide on proposals.');
    }
  }

  private open(proposal: AgendaProposal): AgendaProposal {
    if (proposal.status !== 'open') throw conflict(`The proposal is ${proposal.status} already.`);
    return proposal;
  }

  private decide(
    id: string,
    status: 'scheduled' | 'declined' | 'withdrawn',
    by: string,
    fields: { meetingId?: string; itemId?: string; reason?: string },
  ): void {
    this.db
      .prepare(
        `UPDATE agenda_proposals SET status = ?, meeting_id = ?, item_id = ?, reason = ?, decided_by = ?, decided_at = ?
         WHERE id = ? AND status = 'open'`,
      )
      .run(
        status,
        fields.meetingId ?? null,
        fields.itemId ?? null,
        fields.reason ?? null,
        by,
        new Date().toISOString(),
        id,
      );
  }

  /** 404 for a proposal the reader may not see (another's, outside the council). */
  private async get(id: string, actor?: Actor): Promise<AgendaProposal> {
    const row = this.db.prepare<[string], Row>(`${SELECT} WHERE a.id = ?`).get(id);
    if (!row || (actor && !this.mayRead(actor, row))) throw notFound('Proposal');
    return present(row);
  }

  private mayRead(actor: Actor, row: Row): boolean {
    return row.proposedById === actor.id || this.isCouncil(actor);
  }

  /** The council reads every proposal (those who may edit a draft agenda). */
  private isCouncil(actor: Actor): boolean {
    return can(actor, 'edit', { type: 'meeting', status: 'draft' });
  }
}
