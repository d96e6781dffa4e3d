import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import type { PlansRepo } from './repo.ts';

export function planRoutes(plans: PlansRepo): Router {
  const router = Router();

  router.get('/plans', async (req, res) => {
    authorize(req, 'read', { type: 'plans' });
    res.json(await plans.list());
  });

  return router;
}
