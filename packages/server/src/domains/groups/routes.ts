import { Id, NewTask, TaskQuery } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import type { GroupsService } from './service.ts';

export function groupRoutes(groups: GroupsService): Router {
  const router = Router();

  router.get('/groups', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    res.json(await groups.visibleGroups(actor));
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
