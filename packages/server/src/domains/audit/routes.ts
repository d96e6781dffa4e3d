import { AuditQuery } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import type { AuditRepo } from './repo.ts';

/** The audit log, for the chair, the secretary and admins: who changed what, newest first. */
export function auditRoutes(audit: AuditRepo): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    authorize(req, 'read', { type: 'audit' });
    res.json(await audit.list(parse(AuditQuery, req.query)));
  });
  return router;
}
