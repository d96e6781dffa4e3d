import type { Meeting } from '@council/shared';
import type { MeetingRow } from './repo.ts';

/** A meeting as the API gives it; the event's SEQUENCE is the calendars' business only. */
export const presentMeeting = ({ sequence: _, ...row }: MeetingRow): Meeting => row;
