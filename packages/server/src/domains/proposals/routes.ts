import { DeclineProposal, Id, NewProposal, ScheduleProposal } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import type { ProposalsService } from './service.ts';

export function proposalRoutes(service: ProposalsService): Router {
  const router = Router();

  router.get('/agenda-proposals', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'agendaProposals' });
    res.json(await service.list(actor));
  });

  router.post('/agenda-proposals', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'agendaProposals' });
    res.status(201).json(await service.propose(actor, parse(NewProposal, req.body)));
  });

  router.post('/agenda-proposals/:id/schedule', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'agendaProposals' });
    const { meetingId } = parse(ScheduleProposal, req.body);
    res.json(await service.schedule(actor, parse(Id, req.params.id), meetingId));
  });

  router.post('/agenda-proposals/:id/decline', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'agendaProposals' });
    res.json(await service.decline(actor, parse(Id, req.params.id), parse(DeclineProposal, req.body).reason));
  });

  /** The proposer withdraws it; it stays listed as withdrawn. */
  router.post('/agenda-proposals/:id/withdraw', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'agendaProposals' });
    res.json(await service.withdraw(actor, parse(Id, req.params.id)));
  });

  return router;
}
