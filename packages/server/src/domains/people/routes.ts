import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import type { AuditRepo } from '../audit/repo.ts';
import { presentPerson } from './presenter.ts';
import type { PeopleRepo } from './repo.ts';
import type { PeopleService } from './service.ts';

export function peopleRoutes(people: PeopleRepo, service: PeopleService, audit: AuditRepo): Router {
  const router = Router();

  router.get('/people', async (req, res) => {
    authorize(req, 'read', { type: 'people' });
    res.json((await people.list()).map(presentPerson));
  });

  router.post('/people', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'people' });
    const person = await service.create(req.body);
    await audit.record(actor.id, 'person.create', `person:${person.id}`, { role: person.role });
    res.status(201).json(presentPerson(person));
  });

  return router;
}
