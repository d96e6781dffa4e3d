import { CreateMeeting, CreateSeries, CreateTemplate, Id, TemplateFromMeeting, UpdateTemplate } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import { presentMeeting } from '../meetings/presenter.ts';
import type { SeriesService } from './series.ts';
import type { TemplatesService } from './service.ts';

/** `/meeting-templates`: not under `/meetings`, whose `/meetings/:id` would take "templates" for an id. */
export function templateRoutes(service: TemplatesService, series: SeriesService): Router {
  const router = Router();

  router.get('/meeting-templates', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetingTemplates' });
    res.json(await service.list(actor));
  });

  router.post('/meeting-templates', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'meetingTemplates' });
    res.status(201).json(await service.create(actor, parse(CreateTemplate, req.body)));
  });

  /** Before `/meeting-templates/:id`, which would take "from-meeting" for an id. */
  router.post('/meeting-templates/from-meeting', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'meetingTemplates' });
    res.status(201).json(await service.fromMeeting(actor, parse(TemplateFromMeeting, req.body)));
  });

  router.get('/meeting-templates/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetingTemplates' });
    res.json(await service.get(actor, parse(Id, req.params.id)));
  });

  router.patch('/meeting-templates/:id', async (req, res) => {
    const { actor } = authorize(req, 'edit', { type: 'meetingTemplates' });
    res.json(await service.update(actor, parse(Id, req.params.id), parse(UpdateTemplate, req.body)));
  });

  router.delete('/meeting-templates/:id', async (req, res) => {
    const { actor } = authorize(req, 'delete', { type: 'meetingTemplates' });
    await service.delete(actor, parse(Id, req.params.id));
    res.status(204).end();
  });

  router.post('/meeting-templates/:id/meetings', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'meetings' });
    const meeting = await service.createMeeting(actor, parse(Id, req.params.id), parse(CreateMeeting, req.body));
    res.status(201).json(presentMeeting(meeting));
  });

  router.get('/meeting-series', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetingSeries' });
    res.json(await series.list(actor));
  });

  router.post('/meeting-series', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'meetingSeries' });
    res.status(201).json(await series.create(actor, parse(CreateSeries, req.body)));
  });

  router.get('/meeting-series/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetingSeries' });
    res.json(await series.get(actor, parse(Id, req.params.id)));
  });

  router.delete('/meeting-series/:id', async (req, res) => {
    const { actor } = authorize(req, 'delete', { type: 'meetingSeries' });
    await series.delete(actor, parse(Id, req.params.id));
    res.status(204).end();
  });

  return router;
}
