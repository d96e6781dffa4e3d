import { SearchQuery } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import type { SearchRepo } from './repo.ts';

export function searchRoutes(search: SearchRepo): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    res.json(await search.search(actor, parse(SearchQuery, req.query)));
  });

  return router;
}
