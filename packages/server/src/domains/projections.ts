import { type DocumentRef, parseDocumentName } from '@council/shared';
import type * as Y from 'yjs';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import { projectGroup } from './groups/projection.ts';
import { projectClosedMeeting, projectMeeting } from './meetings/projection.ts';
import { projectPlan } from './plans/projection.ts';

/**
 * Each domain's projection of its documents into read models and search rows, by document kind.
 * A projection replaces everything it owns for one document in one transaction, so it can run at
 * any time, in any order, and `reindex` is simply every projection over every document.
 */
const PROJECTIONS: { [K in DocumentRef['kind']]: (db: Db, id: string, doc: Y.Doc) => void } = {
  meeting: projectMeeting,
  meetingClosed: projectClosedMeeting,
  group: projectGroup,
  plan: projectPlan,
};

const idOf = (ref: DocumentRef) => ('meetingId' in ref ? ref.meetingId : 'groupId' in ref ? ref.groupId : ref.planId);

/** Projects a document; throws if the projection fails (seed data, reindex: there it should stop). */
export function projectDocument(db: Db, name: string, doc: Y.Doc): void {
  const ref = parseDocumentName(name);
  if (ref) PROJECTIONS[ref.kind](db, idOf(ref), doc);
}

/** Projects a document after a committed change: a failure is logged, and never fails the change. */
export type Project = (name: string, doc: Y.Doc) => void;

export function safeProjector(db: Db, logger: Logger): Project {
  return (name, doc) => {
    try {
      projectDocument(db, name, doc);
    } catch (err) {
      logger.error({ err, document: name }, 'projection failed; the read models of this document are behind');
    }
  };
}
