import { type DocumentRef, parseDocumentName } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import { projectGroup } from './groups/projection.ts';
import { projectClosedMeeting, projectMeeting } from './meetings/projection.ts';
import { indexPapers } from './papers/searchIndex.ts';
import { projectPlan } from './plans/projection.ts';

/**
 * Each domain's projection of its documents into read models and search rows, by document kind.
 * A projection replaces everything it owns for one document in one transaction, so it can run at
 * any time, in any order, and `reindex` is simply every projection over every document.
 */
/** An entry a projection found invalid and projected flagged, with the readers' reasons. */
export interface FlaggedEntry {
  entry: string;
  issues: string[];
}
/**
 * Who changed the document since it was last projected: given for live changes (people typing, a
 * service writing), so that what they changed can be told to others (a task given to someone);
 * absent where documents are projected with nothing new to tell (seeding, reindexing, a refresh).
 */
export type Editors = ReadonlySet<string>;
type Projection = (db: Db, id: string, doc: Y.Doc, editors?: Editors) => FlaggedEntry[];

const PROJECTIONS: { [K in DocumentRef['kind']]: Projection } = {
  // A meeting's papers are as visible as their items: moved with them when an item's visibility moves.
  meeting: (db, id, doc, editors) => {
    const flagged = projectMeeting(db, id, doc, editors);
    indexPapers(db, id, doc, true);
    return flagged;
  },
  meetingClosed: projectClosedMeeting,
  group: projectGroup,
  plan: projectPlan,
};

const idOf = (ref: DocumentRef) => ('meetingId' in ref ? ref.meetingId : 'groupId' in ref ? ref.groupId : ref.planId);

/** Projects a document; throws if the projection fails (seed data, reindex: there it should stop). */
export function projectDocument(db: Db, name: string, doc: Y.Doc, editors?: Editors): FlaggedEntry[] {
  const ref = parseDocumentName(name);
  return ref ? PROJECTIONS[ref.kind](db, idOf(ref), doc, editors) : [];
}

/** Projects a document after a committed change: a failure is logged, and never fails the change. */
export type Project = (name: string, doc: Y.Doc, editors?: Editors) => void;

export function safeProjector(db: Db, logger: Logger): Project {
  // What each document had flagged when it was last logged: a bad entry is logged once, not at
  // every projection while it stays.
  const logged = new Map<string, string>();
  return (name, doc, editors) => {
    try {
      const flagged = projectDocument(db, name, doc, editors);
      const key = JSON.stringify(flagged);
      if (key !== (logged.get(name) ?? '[]')) {
        if (flagged.length > 0) logger.warn({ document: name, flagged }, 'invalid entries projected flagged');
        logged.set(name, key);
      }
    } catch (err) {
      logger.error({ err, document: name }, 'projection failed; the read models of this document are behind');
    }
  };
}
