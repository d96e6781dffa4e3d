import type { Meeting } from '@council/shared';
import type { MeetingRow } from './repo.ts';

export const presentMeeting = (row: MeetingRow): Meeting => ({ ...row });
