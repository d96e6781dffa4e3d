import { CouncilActionQuery, can, Id, SetActionDone } from '@council/shared';
import { Router } from 'express';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { authorize, requireAuth } from '../../http/auth.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { AuditRepo } from '../audit/repo.ts';
import type { CouncilActionsRepo } from './repo.ts';

export function councilActionRoutes(db: Db, actions: CouncilActionsRepo, audit: AuditRepo): Router {
  const router = Router();

  router.get('/actions', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'councilActions' });
    const query = parse(CouncilActionQuery, req.query);
    const assigneeId = query.assignee === 'me' ? actor.id : query.assignee;
    res.json(await actions.list({ status: query.status, assigneeId }));
  });

  /** Done or open again; the council, or the person the action point names. Audited. */
  router.patch('/actions/:meetingId/:refId', async (req, res) => {
    const { actor } = requireAuth(req);
    const meetingId = parse(Id, req.params.meetingId);
    const refId = parse(Id, req.params.refId);
    const { done } = parse(SetActionDone, req.body);
    const action = await actions.get(meetingId, refId);
    if (!action) throw notFound('Action point');
    if (!can(actor, 'complete', { type: 'councilAction', assigneeId: action.assigneeId })) {
      throw forbidden('Only the council and the person the action point names mark it done.');
    }
    if ((action.doneAt !== null) !== done) {
      await inTransaction(db, async () => {
        await actions.setDone(meetingId, refId, done ? actor.id : null);
        await audit.record(actor.id, done ? 'action.done' : 'action.reopen', `meeting:${meetingId}`, { refId });
      });
    }
    res.json(await actions.get(meetingId, refId));
  });

  return router;
}
