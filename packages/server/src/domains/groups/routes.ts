import { can } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import type { GroupsRepo } from './repo.ts';

export function groupRoutes(groups: GroupsRepo): Router {
  const router = Router();

  router.get('/groups', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'groups' });
    const visible = (await groups.list()).filter((g) =>
      can(actor, 'read', { type: 'group', id: g.id, visibility: g.visibility }),
    );
    res.json(visible);
  });

  return router;
}
