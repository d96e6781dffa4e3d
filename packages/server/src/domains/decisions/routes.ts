import { Id, mayReadConfidential } from '@council/shared';
import { Router } from 'express';
import { z } from 'zod';
import { authorize } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { DecisionsRepo } from './repo.ts';

const DecisionNumber = z.string().regex(/^\d{4}-\d{3,}$/, 'A decision number looks like 2026-014');

export function decisionRoutes(decisions: DecisionsRepo): Router {
  const router = Router();

  router.get('/decisions', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const meeting = req.query.meeting === undefined ? undefined : parse(Id, req.query.meeting);
    res.json(await decisions.list({ meetingId: meeting, includeConfidential: mayReadConfidential(actor) }));
  });

  router.get('/decisions/:number', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const decision = await decisions.byNumber(parse(DecisionNumber, req.params.number), mayReadConfidential(actor));
    if (!decision) throw notFound('Decision');
    res.json(decision);
  });

  return router;
}
