import type * as Y from 'yjs';
import { MEETING_FIELDS, migrateDecisionMaps } from './meeting.ts';
import { META_FIELD, type Migration, migrate } from './version.ts';

/**
 * `meeting:<id>:closed`, the closed part of a meeting, which only the council, the secretary and
 * admins may open: the notes and decision of each confidential item, in the same shapes as the
 * open part (meeting.ts reads and writes both). The item itself, with its title, stays on the open
 * agenda.
 */
export const MEETING_CLOSED_FIELDS = {
  meta: META_FIELD,
  notes: MEETING_FIELDS.notes,
  decision: MEETING_FIELDS.decision,
} as const;

export const MEETING_CLOSED_MIGRATIONS: readonly Migration[] = [{ to: 2, up: migrateDecisionMaps }];

export const migrateMeetingClosed = (doc: Y.Doc) => migrate(doc, MEETING_CLOSED_MIGRATIONS);
