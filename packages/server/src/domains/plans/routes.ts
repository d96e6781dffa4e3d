import { CreatePlan, Id, NewMeasurement, UpdateInitiative } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import { csvCell } from '../decisions/routes.ts';
import type { PlansRepo } from './repo.ts';
import type { PlansService } from './service.ts';

const CSV_HEADER = [
  'initiative_id',
  'initiative',
  'theme',
  'status',
  'owner_group',
  'start',
  'end',
  'indicator',
  'unit',
  'baseline',
  'target',
  'date',
  'value',
];

export function planRoutes(plans: PlansRepo, service: PlansService): Router {
  const router = Router();

  router.get('/plans', async (req, res) => {
    authorize(req, 'read', { type: 'plans' });
    res.json(await plans.list());
  });

  router.post('/plans', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'plans' });
    res.status(201).json(await service.create(actor, parse(CreatePlan, req.body)));
  });

  router.patch('/plans/:id/initiatives/:initiativeId', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'plans' });
    await service.updateInitiative(
      actor,
      parse(Id, req.params.id),
      parse(Id, req.params.initiativeId),
      parse(UpdateInitiative, req.body),
    );
    res.status(204).end();
  });

  router.get('/plans/:id', async (req, res) => {
    authorize(req, 'read', { type: 'plans' });
    const plan = await plans.byId(parse(Id, req.params.id));
    if (!plan) throw notFound('Plan');
    res.json(plan);
  });

  router.get('/plans/:id/export.csv', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'plans' });
    const rows = await service.csvRows(actor, parse(Id, req.params.id));
    res
      .type('text/csv; charset=utf-8')
      .attachment('handlingsplan.csv')
      .send(`\uFEFF${[CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
  });

  router.post('/plans/:id/initiatives/:initiativeId/indicators/:indicatorId/measurements', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'plans' });
    const ids = {
      planId: parse(Id, req.params.id),
      initiativeId: parse(Id, req.params.initiativeId),
      indicatorId: parse(Id, req.params.indicatorId),
    };
    const measurement = parse(NewMeasurement, req.body);
    await service.addMeasurement(actor, ids, measurement);
    res.status(201).json(measurement);
  });

  return router;
}
