import { z } from 'zod';
import { Id, IsoDateTime } from './primitives.ts';

/**
 * Replies to a meeting's invitation, before the meeting: a decline is recorded as apologies (afbud)
 * in the meeting's attendance, with the reason the person gives, which only the council reads.
 */
export const RSVP_RESPONSES = ['accepted', 'declined'] as const;
export const RsvpResponse = z.enum(RSVP_RESPONSES);
export type RsvpResponse = z.infer<typeof RsvpResponse>;

export const RsvpInput = z.object({
  response: RsvpResponse,
  reason: z.string().trim().max(500).optional(),
});
export type RsvpInput = z.infer<typeof RsvpInput>;

export const Rsvp = z.object({
  personId: Id,
  name: z.string(),
  response: RsvpResponse,
  reason: z.string().nullable(),
  respondedAt: IsoDateTime,
});
export type Rsvp = z.infer<typeof Rsvp>;

/** The council sees every reply; anyone else their own. */
export const Rsvps = z.object({ replies: z.array(Rsvp) });
export type Rsvps = z.infer<typeof Rsvps>;
