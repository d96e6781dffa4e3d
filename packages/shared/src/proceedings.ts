import { z } from 'zod';
import { TEXT_LIMITS } from './limits.ts';
import { Id } from './primitives.ts';

/**
 * What the minutes record of an item besides its notes and decision: the vote, the views members
 * asked to have minuted ("ønsker sin stemme ført til protokol") and the conflicts of interest
 * (inhabilitet) that kept a member out of it. Recorded by REST commands, kept beside the meeting's
 * documents rather than in them, so that only those the policy allows can write them; frozen at
 * approval into the minutes and the register.
 */
export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export const VoteChoice = z.enum(VOTE_CHOICES);
export type VoteChoice = z.infer<typeof VoteChoice>;

const Count = z.number().int().min(0).max(1000);

/** A vote as the chair or secretary records it: the counts, or each present member's choice. */
export const VoteInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('counts'), for: Count, against: Count, abstain: Count }),
  z.object({ mode: z.literal('named'), ballots: z.record(Id, VoteChoice) }),
]);
export type VoteInput = z.infer<typeof VoteInput>;

/** Whose view is minuted: one's own, or (for the chair and the secretary) a member's. */
export const DissentInput = z.object({
  personId: Id.optional(),
  text: z.string().trim().min(1).max(TEXT_LIMITS.dissent),
});
export const ConflictInput = z.object({
  personId: Id.optional(),
  reason: z.string().trim().max(TEXT_LIMITS.conflictReason).optional(),
});
/** Whose dissent or conflict is taken back: one's own unless named. */
export const PersonQuery = z.object({ personId: Id.optional() });

export const VoteTally = z.object({
  mode: z.enum(['counts', 'named']),
  for: Count,
  against: Count,
  abstain: Count,
  /** Who voted how, in a named vote; empty for counts. */
  ballots: z.array(z.object({ personId: Id, name: z.string(), choice: VoteChoice })),
});
export type VoteTally = z.infer<typeof VoteTally>;

export const Dissent = z.object({ personId: Id, name: z.string(), text: z.string() });
export const ConflictOfInterest = z.object({ personId: Id, name: z.string(), reason: z.string().optional() });

/** The vote, the minuted views and the conflicts of one item, as the minutes and the register keep them. */
export const ItemRecordOfVote = z.object({
  vote: VoteTally.nullable(),
  dissents: z.array(Dissent),
  conflicts: z.array(ConflictOfInterest),
});
export type ItemRecordOfVote = z.infer<typeof ItemRecordOfVote>;

export const ItemProceedings = ItemRecordOfVote.extend({ itemId: Id });
export type ItemProceedings = z.infer<typeof ItemProceedings>;
/** A meeting's proceedings, for the items the reader may see, in agenda order; items with nothing recorded are left out. */
export const Proceedings = z.object({ items: z.array(ItemProceedings) });
export type Proceedings = z.infer<typeof Proceedings>;

/** What a stored record says, or nothing: a malformed one is never shown as a vote. */
export function readRecordOfVote(json: string | null): ItemRecordOfVote | null {
  if (!json) return null;
  try {
    const parsed = ItemRecordOfVote.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const isEmptyRecordOfVote = (r: ItemRecordOfVote) =>
  !r.vote && r.dissents.length === 0 && r.conflicts.length === 0;
