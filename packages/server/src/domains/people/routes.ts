import {
  type Actor,
  can,
  Id,
  type Invitation,
  InvitePerson,
  PeopleQuery,
  ResetPassword,
  SetPasswordSignIn,
  SetRole,
  type SignInSettings,
  UpdateProfile,
} from '@council/shared';
import { Router } from 'express';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { authorize, requireAuth } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { AuditRepo } from '../audit/repo.ts';
import type { AccountService } from '../auth/accounts.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { Erasure } from './erasure.ts';
import { exportPersonalData } from './personalData.ts';
import { presentMe, presentPerson } from './presenter.ts';
import type { PeopleRepo } from './repo.ts';
import type { PeopleService } from './service.ts';

export function peopleRoutes(
  people: PeopleRepo,
  service: PeopleService,
  accounts: AccountService,
  audit: AuditRepo,
  onChanged: () => void,
  visibleGroupIds: (actor: Actor) => Promise<string[]>,
  /** Re-asks the policy for the person's open collaboration connections. */
  onAccessChanged: (personId: string) => Promise<void>,
  db: Db,
  notifier: Notifier,
  erasure: Erasure,
): Router {
  const router = Router();

  /** The directory of the network, filtered by competence, organisation and free text. */
  router.get('/people', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'people' });
    const query = parse(PeopleQuery, req.query);
    const lower = (s: string) => s.toLocaleLowerCase('da');
    const found = (await people.list()).filter(
      (p) =>
        (!query.competence || p.competencies.some((c) => lower(c) === lower(query.competence as string))) &&
        (!query.organisation || lower(p.organisation).includes(lower(query.organisation))) &&
        (!query.q ||
          [p.name, p.title, p.organisation, ...p.competencies].some((f) =>
            lower(f).includes(lower(query.q as string)),
          )),
    );
    // Each person's groups, limited to the groups the reader may see (closed groups stay private).
    const memberships = await people.memberships();
    const visible = new Set(await visibleGroupIds(actor));
    // Deactivated people have left the network; only those who manage people still list them.
    const listed = can(actor, 'manage', { type: 'people' }) ? found : found.filter((p) => !p.deactivatedAt);
    res.json(
      listed.map((p) => ({
        ...presentPerson(p),
        groupNames: (memberships.get(p.id) ?? []).filter((g) => visible.has(g.id)),
      })),
    );
  });

  router.post('/people', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'people' });
    const person = await service.create(req.body);
    await audit.record(actor.id, 'person.create', `person:${person.id}`, { role: person.role });
    res.status(201).json(presentPerson(person));
  });

  /** An admin invites someone by mail; they choose their own password through the link. */
  router.post('/people/invitations', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'people' });
    const { person, expiresAt, link } = await accounts.invite(actor.id, parse(InvitePerson, req.body));
    onChanged();
    res.status(201).json({ person: presentPerson(person), expiresAt, link } satisfies Invitation);
  });

  /** A new invitation for someone who has not yet chosen a password; the earlier link stops working. */
  router.post('/people/:id/invitation', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    const person = await people.byId(parse(Id, req.params.id));
    if (!person) throw notFound('Person');
    res.json({ person: presentPerson(person), ...(await accounts.reinvite(actor.id, person.id)) } satisfies Invitation);
  });

  router.get('/admin/sign-in', (req, res) => {
    authorize(req, 'manage', { type: 'people' });
    res.json(accounts.signInStatus() satisfies SignInSettings);
  });

  /** Password sign-in for everyone, on or off (off only while single sign-on is set up). */
  router.put('/admin/sign-in', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    await accounts.setPasswordSignIn(actor.id, null, parse(SetPasswordSignIn, req.body).allowed);
    res.json(accounts.signInStatus() satisfies SignInSettings);
  });

  router.put('/people/:id/password-sign-in', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    const id = parse(Id, req.params.id);
    await accounts.setPasswordSignIn(actor.id, id, parse(SetPasswordSignIn, req.body).allowed);
    const person = await people.byId(id);
    if (!person) throw notFound('Person');
    res.json(presentPerson(person));
  });

  /** Turns off someone's two-factor sign-in when they have lost both phone and recovery codes. */
  router.post('/people/:id/two-factor/reset', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    await accounts.resetTwoFactor(actor.id, parse(Id, req.params.id));
    res.status(204).end();
  });

  /** Everything Council holds about the signed-in person, as a JSON file (GDPR art. 15 and 20). */
  router.get('/me/data', async (req, res) => {
    const { person } = authorize(req, 'edit', { type: 'person', id: requireAuth(req).person.id });
    await audit.record(person.id, 'person.data_export', `person:${person.id}`);
    res
      .type('application/json')
      .attachment(`council-mine-data-${new Date().toISOString().slice(0, 10)}.json`)
      .set('Cache-Control', 'no-store')
      .send(JSON.stringify(exportPersonalData(db, person.id), null, 2));
  });

  /** Erases a person's data (admins; see Erasure): the profile goes, their name becomes a pseudonym. */
  router.post('/people/:id/erase', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    const id = parse(Id, req.params.id);
    const pseudonym = await erasure.erase(actor.id, id);
    onChanged();
    await onAccessChanged(id);
    res.json({ pseudonym });
  });

  /** People edit their own profile; role and email are not theirs to change. */
  router.patch('/me/profile', async (req, res) => {
    const { person, actor } = requireAuth(req);
    const patch = parse(UpdateProfile, req.body);
    await people.update(person.id, patch);
    await audit.record(actor.id, 'person.profile', `person:${person.id}`, patch);
    onChanged();
    res.json(presentMe((await people.byId(person.id)) ?? person, actor.groups));
  });

  router.patch('/people/:id/role', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    const id = parse(Id, req.params.id);
    const before = await people.byId(id);
    if (!before) throw notFound('Person');
    const { role } = parse(SetRole, req.body);
    await inTransaction(db, async () => {
      await people.update(id, { role });
      await audit.record(actor.id, 'person.role', `person:${id}`, { from: before.role, to: role });
      if (role !== before.role) {
        notifier.notify({
          kind: 'accessChanged',
          recipients: [id],
          actorId: actor.id,
          dedupeKey: `accessChanged:role:${id}:${new Date().toISOString()}`,
          values: { role },
          url: '/account',
        });
      }
    });
    notifier.afterCommit();
    await onAccessChanged(id);
    res.json(presentPerson({ ...before, role }));
  });

  /** Sets someone's password; every session of theirs ends, so whoever had the old one is out. */
  router.post('/people/:id/password', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    const { password } = parse(ResetPassword, req.body);
    await accounts.resetPassword(actor.id, parse(Id, req.params.id), password);
    res.status(204).end();
  });

  router.post('/people/:id/deactivate', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    res.json(presentPerson(await accounts.deactivate(actor.id, parse(Id, req.params.id))));
  });

  router.post('/people/:id/reactivate', async (req, res) => {
    const { actor } = authorize(req, 'manage', { type: 'people' });
    res.json(presentPerson(await accounts.reactivate(actor.id, parse(Id, req.params.id))));
  });

  return router;
}
