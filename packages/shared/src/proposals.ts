import { z } from 'zod';
import { TEXT_LIMITS } from './limits.ts';
import { Id, IsoDateTime } from './primitives.ts';

/**
 * The agenda backlog, "forslag til dagsordenen": anyone signed in proposes an item; the chair or the
 * secretary puts it on a meeting's agenda or declines it with a reason, and the proposer is told
 * either way. Proposers may withdraw what is still open.
 */
export const PROPOSAL_STATUSES = ['open', 'scheduled', 'declined', 'withdrawn'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);

export const NewProposal = z.object({
  title: z.string().trim().min(1).max(TEXT_LIMITS.agendaTitle),
  description: z.string().trim().max(2000).optional(),
});
export type NewProposal = z.infer<typeof NewProposal>;

export const ScheduleProposal = z.object({ meetingId: Id });
export const DeclineProposal = z.object({ reason: z.string().trim().min(1).max(500) });

export const AgendaProposal = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  proposedBy: z.object({ id: Id, name: z.string() }),
  proposedAt: IsoDateTime,
  status: ProposalStatus,
  /** The meeting it was put on, once scheduled. */
  meeting: z.object({ id: Id, title: z.string() }).nullable(),
  /** Why it was declined. */
  reason: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
});
export type AgendaProposal = z.infer<typeof AgendaProposal>;

/** The council sees every proposal; anyone else their own. */
export const AgendaProposals = z.object({ items: z.array(AgendaProposal) });
export type AgendaProposals = z.infer<typeof AgendaProposals>;
