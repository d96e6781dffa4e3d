import { messages, RECORD_LOCALE } from '@council/shared';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MeetingRow } from './repo.ts';

const STATUS = (m: MeetingRow) =>
  m.status === 'cancelled'
    ? ICalEventStatus.CANCELLED
    : m.status === 'draft'
      ? ICalEventStatus.TENTATIVE
      : ICalEventStatus.CONFIRMED;

/**
 * An iCalendar file with the given meetings; `baseUrl` makes each event link back to its meeting.
 * A cancelled meeting stays in it with STATUS:CANCELLED and a higher SEQUENCE, so that a calendar
 * that imported it earlier takes the cancellation; a file of one cancelled meeting is a
 * METHOD:CANCEL message, which mail and calendar programs apply to the event they have.
 */
export function meetingsCalendar(meetings: MeetingRow[], baseUrl: string): string {
  const single = meetings.length === 1 ? meetings[0] : undefined;
  const calendar = ical({
    name: messages[RECORD_LOCALE].records.calendarName,
    prodId: { company: 'Council', product: 'council' },
    ...(single?.status === 'cancelled' ? { method: ICalCalendarMethod.CANCEL } : {}),
  });
  for (const m of meetings) {
    const url = `${baseUrl}/meetings/${m.id}`;
    calendar.createEvent({
      id: `${m.id}@council`,
      sequence: m.status === 'cancelled' ? 1 : 0,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      summary: m.title,
      location: m.location || null,
      url,
      description: m.status === 'cancelled' && m.cancelReason ? `${m.cancelReason}\n\n${url}` : url,
      status: STATUS(m),
    });
  }
  return calendar.toString();
}
