import { can, Id } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import { presentMeeting } from './presenter.ts';
import type { MeetingsRepo } from './repo.ts';

export function meetingRoutes(meetings: MeetingsRepo): Router {
  const router = Router();

  router.get('/meetings', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const visible = (await meetings.list()).filter((m) => can(actor, 'read', { type: 'meeting', status: m.status }));
    res.json(visible.map(presentMeeting));
  });

  router.get('/meetings/:id', async (req, res) => {
    const id = parse(Id, req.params.id);
    const meeting = await meetings.byId(id);
    // A meeting the reader may not see answers 404 like a missing one, so drafts do not leak.
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    if (!meeting || !can(actor, 'read', { type: 'meeting', status: meeting.status })) throw notFound('Meeting');
    res.json(presentMeeting(meeting));
  });

  return router;
}
