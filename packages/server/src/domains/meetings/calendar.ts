import { messages, RECORD_LOCALE } from '@council/shared';
import ical, { ICalEventStatus } from 'ical-generator';
import type { MeetingRow } from './repo.ts';

/** An iCalendar file with the given meetings; `baseUrl` makes each event link back to its meeting. */
export function meetingsCalendar(meetings: MeetingRow[], baseUrl: string): string {
  const calendar = ical({
    name: messages[RECORD_LOCALE].records.calendarName,
    prodId: { company: 'Council', product: 'council' },
  });
  for (const m of meetings) {
    calendar.createEvent({
      id: `${m.id}@council`,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      summary: m.title,
      location: m.location || null,
      url: `${baseUrl}/meetings/${m.id}`,
      description: `${baseUrl}/meetings/${m.id}`,
      status: m.status === 'draft' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
