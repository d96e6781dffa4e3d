import { CreatePlan, CsvExportQuery, Id, messages, NewMeasurement, UpdateInitiative } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { type CsvColumn, sendCsv } from '../../http/csv.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { PlansRepo } from './repo.ts';
import type { PlanExportRow, PlansService } from './service.ts';

const { exports, plan: words } = messages.da;
const da = exports.plan;

/** The plan's CSV columns; for Danish Excel the headings and status words are Danish. */
const PLAN_COLUMNS: CsvColumn<PlanExportRow>[] = [
  { name: 'initiative_id', da: da.initiativeId, value: (r) => r.initiativeId },
  { name: 'initiative', da: da.initiative, value: (r) => r.initiative },
  { name: 'theme', da: da.theme, value: (r) => r.theme },
  {
    name: 'status',
    da: da.status,
    value: (r, format) => (format === 'excel-da' ? words.statuses[r.status] : r.status),
  },
  { name: 'owner_group', da: da.ownerGroup, value: (r) => r.ownerGroup },
  { name: 'start', da: da.start, value: (r) => r.start },
  { name: 'end', da: da.end, value: (r) => r.end },
  { name: 'indicator', da: da.indicator, value: (r) => r.indicator },
  { name: 'unit', da: da.unit, value: (r) => r.unit },
  { name: 'baseline', da: da.baseline, value: (r) => r.baseline },
  { name: 'target', da: da.target, value: (r) => r.target },
  { name: 'date', da: da.date, value: (r) => r.date },
  { name: 'value', da: da.value, value: (r) => r.value },
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
    const id = parse(Id, req.params.id);
    const { format } = parse(CsvExportQuery, req.query);
    sendCsv(res, 'handlingsplan.csv', format, PLAN_COLUMNS, await service.exportRows(actor, id));
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
