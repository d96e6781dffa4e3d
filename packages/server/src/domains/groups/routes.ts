import {
  CreateCall,
  CreateGroup,
  Id,
  NewTask,
  SetGroupVisibility,
  TaskQuery,
  UpdateGroup,
  Volunteer,
} from '@council/shared';
import { Router } from 'express';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import type { GroupsService } from './service.ts';

export function groupRoutes(groups: GroupsService): Router {
  const router = Router();

  router.get('/groups', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.json(await groups.visibleGroups(actor));
  });

  router.post('/groups', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.status(201).json(await groups.create(actor, parse(CreateGroup, req.body)));
  });

  router.patch('/groups/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.json(await groups.update(actor, parse(Id, req.params.id), parse(UpdateGroup, req.body)));
  });

  router.post('/groups/:id/visibility', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    const { visibility } = parse(SetGroupVisibility, req.body);
    res.json(await groups.setVisibility(actor, parse(Id, req.params.id), visibility));
  });

  router.post('/groups/:id/calls', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.status(201).json(await groups.createCall(actor, parse(Id, req.params.id), parse(CreateCall, req.body ?? {})));
  });

  router.get('/calls', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    const query = parse(z.object({ group: Id.optional(), status: z.enum(['open', 'closed']).optional() }), req.query);
    res.json(await groups.calls(actor, { groupId: query.group, status: query.status }));
  });

  router.post('/calls/:id/volunteer', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    await groups.volunteer(actor, parse(Id, req.params.id), parse(Volunteer, req.body ?? {}).note);
    res.status(201).json({ status: 'pending' });
  });

  router.post('/calls/:id/volunteers/:personId/:decision', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    const decision = parse(z.enum(['accept', 'decline']), req.params.decision);
    await groups.decide(
      actor,
      parse(Id, req.params.id),
      parse(Id, req.params.personId),
      decision === 'accept' ? 'accepted' : 'declined',
    );
    res.status(204).end();
  });

  router.post('/calls/:id/close', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    await groups.closeCall(actor, parse(Id, req.params.id));
    res.status(204).end();
  });

  router.get('/groups/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.json(await groups.visible(actor, parse(Id, req.params.id)));
  });

  router.post('/groups/:id/tasks', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.status(201).json(await groups.addTask(actor, parse(Id, req.params.id), parse(NewTask, req.body)));
  });

  /** Tasks from the read model, only of groups the reader may see; `assignee=me` for My tasks. */
  router.get('/tasks', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.json(await groups.tasks(actor, parse(TaskQuery, req.query)));
  });

  return router;
}
