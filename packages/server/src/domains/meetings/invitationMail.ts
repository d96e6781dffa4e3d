import { INVITATION_KINDS, type Notification } from '@council/shared';
import { invitationCalendar } from './calendar.ts';

/**
 * The calendar part of a meeting invitation's mail (and of its update and cancellation), as the
 * notification told it (see MeetingsService.invite), so that the mail's text and its event agree
 * however late the mail goes. Given to the mail sender, which knows nothing of meetings.
 */
export function invitationEvent(appUrl: () => string, from: string) {
  const organizer = organizerOf(from);
  return (n: Notification, person: { name: string; email: string }) => {
    const { meetingId, meeting: title, start, end, location = '', sequence, reason = null } = n.params;
    if (!INVITATION_KINDS.includes(n.kind) || !meetingId || !title || !start || !end || !sequence) return undefined;
    const cancelled = n.kind === 'meetingCancelled';
    const event = invitationCalendar(
      {
        id: meetingId,
        title,
        startsAt: start,
        endsAt: end,
        location,
        status: cancelled ? 'cancelled' : 'published',
        cancelReason: reason,
        sequence: Number(sequence),
      },
      appUrl(),
      organizer,
      person,
    );
    return { ...event, filename: cancelled ? 'aflysning.ics' : 'invitation.ics' };
  };
}

/** The organiser of an invitation: the sender's address, `Name <address>` or a bare address. */
function organizerOf(from: string): { name: string; email: string } {
  const parts = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return parts ? { name: parts[1] || 'Council', email: parts[2] as string } : { name: 'Council', email: from };
}
