import { messages, RECORD_LOCALE } from '@council/shared';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  type ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { MeetingRow } from './repo.ts';

/** What an event is made of. */
type CalendarMeeting = Pick<
  MeetingRow,
  'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'status' | 'cancelReason' | 'sequence'
>;

const STATUS = (m: CalendarMeeting) =>
  m.status === 'cancelled'
    ? ICalEventStatus.CANCELLED
    : m.status === 'draft'
      ? ICalEventStatus.TENTATIVE
      : ICalEventStatus.CONFIRMED;

const TIME_ZONE = 'Europe/Copenhagen';

/** Copenhagen's rules (the EU's since 1996), for calendars that do not know the zone by name. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  '',
].join('\r\n');

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * ical-generator writes a plain Date in a TZID by its local fields: give it one whose local fields
 * are the Copenhagen wall clock of the instant, whatever zone the server runs in.
 */
function inCopenhagen(instant: string): Date {
  const part = Object.fromEntries(wallClock.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return new Date(part.year ?? 0, (part.month ?? 1) - 1, part.day, part.hour, part.minute, part.second);
}

export interface CalendarOptions {
  /** How often a subscribing calendar should fetch the feed again, in seconds. */
  ttl?: number;
}

/**
 * An iCalendar file with the given meetings; `baseUrl` makes each event link back to its meeting.
 * Times are Copenhagen wall-clock times with the zone's VTIMEZONE, in every file (a meeting's own,
 * the list's and the subscription): a calendar shows 10:00 as 10:00 on both sides of a DST change.
 * A cancelled meeting stays in it with STATUS:CANCELLED and a higher SEQUENCE, so that a calendar
 * that imported it earlier takes the cancellation; a file of one cancelled meeting is a
 * METHOD:CANCEL message, which mail and calendar programs apply to the event they have.
 */
export function meetingsCalendar(meetings: MeetingRow[], baseUrl: string, options: CalendarOptions = {}): string {
  const single = meetings.length === 1 ? meetings[0] : undefined;
  const calendar = newCalendar(single?.status === 'cancelled' ? ICalCalendarMethod.CANCEL : null, options);
  for (const m of meetings) addEvent(calendar, m, baseUrl);
  return calendar.toString();
}

export interface Mailbox {
  name: string;
  email: string;
}

/**
 * The invitation one invited person is mailed: the meeting's event as a METHOD:REQUEST message with
 * Council as organiser and the person as an attendee (not asked to reply by mail: replies are given
 * in Council), or, once the meeting is
 * cancelled, a METHOD:CANCEL. The UID is the feed's, and SEQUENCE the meeting's, so a calendar that
 * has the event from the feed or an earlier mail takes each update to the same event.
 */
export function invitationCalendar(
  meeting: CalendarMeeting,
  baseUrl: string,
  organizer: Mailbox,
  attendee: Mailbox,
): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const method = meeting.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = newCalendar(method);
  const event = addEvent(calendar, meeting, baseUrl);
  event.organizer({ name: organizer.name, email: organizer.email });
  event.createAttendee({
    name: attendee.name,
    email: attendee.email,
    role: ICalAttendeeRole.REQ,
    // Replies are given in Council; a calendar's reply would reach the organiser's mailbox, not Council.
    rsvp: false,
    status: ICalAttendeeStatus.NEEDSACTION,
  });
  return { method: method === ICalCalendarMethod.CANCEL ? 'CANCEL' : 'REQUEST', content: calendar.toString() };
}

function newCalendar(method: ICalCalendarMethod | null, options: CalendarOptions = {}): ICalCalendar {
  return ical({
    name: messages[RECORD_LOCALE].records.calendarName,
    prodId: { company: 'Council', product: 'council' },
    ...(method ? { method } : {}),
    // The zone is named on each event, not the calendar, so that DTSTAMP stays in UTC as RFC 5545 asks.
    timezone: { name: null, generator: (tz) => (tz === TIME_ZONE ? VTIMEZONE : null) },
    x: { 'X-WR-TIMEZONE': TIME_ZONE },
    ...(options.ttl ? { ttl: options.ttl } : {}),
  });
}

function addEvent(calendar: ICalCalendar, m: CalendarMeeting, baseUrl: string) {
  const url = `${baseUrl}/meetings/${m.id}`;
  return calendar.createEvent({
    id: `${m.id}@council`,
    sequence: m.sequence,
    timezone: TIME_ZONE,
    start: inCopenhagen(m.startsAt),
    end: inCopenhagen(m.endsAt),
    summary: m.title,
    location: m.location || null,
    url,
    description: m.status === 'cancelled' && m.cancelReason ? `${m.cancelReason}\n\n${url}` : url,
    status: STATUS(m),
  });
}
