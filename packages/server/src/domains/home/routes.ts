import { Router } from 'express';
import { requireAuth } from '../../http/auth.ts';
import type { HomeService } from './service.ts';

/** The signed-in person's home page; everyone has one, and it shows only what their routes would. */
export function homeRoutes(home: HomeService): Router {
  const router = Router();

  router.get('/home', async (req, res) => {
    const { actor } = requireAuth(req);
    res.json(await home.forPerson(actor));
  });

  /** The home page was looked at: decisions adopted after this visit are new at the next one. */
  router.post('/home/visit', (req, res) => {
    const { actor } = requireAuth(req);
    home.visit(actor.id);
    res.status(204).end();
  });

  return router;
}
