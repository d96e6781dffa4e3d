import {
  ConflictInput,
  CreateMeeting,
  can,
  DissentInput,
  Id,
  MeetingTransitionName,
  mayReadConfidential,
  NewAgendaItem,
  PersonQuery,
  RequestReview,
  RsvpInput,
  TransitionRequest,
  UpdateMeeting,
  VoteInput,
} from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { Repos } from '../repos.ts';
import { meetingsCalendar } from './calendar.ts';
import { presentMeeting } from './presenter.ts';
import type { ProceedingsService } from './proceedings.ts';
import { meetingResource } from './resource.ts';
import type { ReviewsService } from './reviews.ts';
import type { RsvpService } from './rsvps.ts';
import type { MeetingsService } from './service.ts';

export function meetingRoutes(
  service: MeetingsService,
  proceedings: ProceedingsService,
  reviews: ReviewsService,
  rsvps: RsvpService,
  repos: Repos,
  /** The base of the calendars' links: the public URL. */
  publicUrl: () => string,
): Router {
  const router = Router();

  router.get('/meetings', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const visible = (await repos.meetings.list(mayReadConfidential(actor))).filter((m) =>
      can(actor, 'read', meetingResource(m, repos.reviews)),
    );
    res.json(visible.map(presentMeeting));
  });

  /** Every meeting the reader may see, as a calendar to download or subscribe to. */
  router.get('/meetings.ics', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const visible = (await repos.meetings.list()).filter((m) =>
      can(actor, 'read', { type: 'meeting', status: m.status }),
    );
    res.type('text/calendar; charset=utf-8').attachment('raadsmoeder.ics').send(meetingsCalendar(visible, publicUrl()));
  });

  router.post('/meetings', async (req, res) => {
    const { actor } = authorize(req, 'create', { type: 'meetings' });
    const meeting = await service.create(actor, parse(CreateMeeting, req.body));
    res.status(201).json(presentMeeting(meeting));
  });

  /** Deleted drafts, to restore; registered before `/meetings/:id`, which would take "deleted" for an id. */
  router.get('/meetings/deleted', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.deleted(actor));
  });

  router.get('/meetings/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(presentMeeting(await service.visible(actor, parse(Id, req.params.id))));
  });

  router.patch('/meetings/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(presentMeeting(await service.update(actor, parse(Id, req.params.id), parse(UpdateMeeting, req.body))));
  });

  /** Deletes a draft meeting (softly: kept and audited); a published one is cancelled instead. */
  router.delete('/meetings/:id', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    await service.delete(actor, parse(Id, req.params.id));
    res.status(204).end();
  });

  /** Undoes a deletion; before `/meetings/:id/:transition`, which knows no "restore". */
  router.post('/meetings/:id/restore', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(presentMeeting(await service.restore(actor, parse(Id, req.params.id))));
  });

  router.post('/meetings/:id/agenda', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const item = await service.addAgendaItem(actor, parse(Id, req.params.id), parse(NewAgendaItem, req.body));
    res.status(201).json(item);
  });

  router.get('/meetings/:id/carry-over', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.carryOver(actor, parse(Id, req.params.id)));
  });

  router.get('/meetings/:id/calendar.ics', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const meeting = await service.visible(actor, parse(Id, req.params.id));
    res
      .type('text/calendar; charset=utf-8')
      .attachment(`${meeting.id}.ics`)
      .send(meetingsCalendar([meeting], publicUrl()));
  });

  router.get('/meetings/:id/signatures', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.signatures(actor, parse(Id, req.params.id)));
  });

  /** Signing and withdrawing; before `/meetings/:id/:transition`, which knows no "signatures". */
  router.post('/meetings/:id/signatures', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.sign(actor, parse(Id, req.params.id)));
  });

  router.delete('/meetings/:id/signatures', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.withdrawSignature(actor, parse(Id, req.params.id)));
  });

  /** Votes, minuted views and conflicts of interest on the items the reader may see. */
  router.get('/meetings/:id/proceedings', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.list(actor, parse(Id, req.params.id)));
  });

  const item = (req: { params: Record<string, string | undefined> }) =>
    [parse(Id, req.params.id), parse(Id, req.params.itemId)] as const;

  router.put('/meetings/:id/items/:itemId/vote', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.recordVote(actor, ...item(req), parse(VoteInput, req.body)));
  });

  router.delete('/meetings/:id/items/:itemId/vote', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.removeVote(actor, ...item(req)));
  });

  router.put('/meetings/:id/items/:itemId/dissent', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.minuteDissent(actor, ...item(req), parse(DissentInput, req.body)));
  });

  router.delete('/meetings/:id/items/:itemId/dissent', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.removeDissent(actor, ...item(req), parse(PersonQuery, req.query).personId));
  });

  router.post('/meetings/:id/items/:itemId/conflicts', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.declareConflict(actor, ...item(req), parse(ConflictInput, req.body)));
  });

  router.delete('/meetings/:id/items/:itemId/conflicts', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await proceedings.withdrawConflict(actor, ...item(req), parse(PersonQuery, req.query).personId));
  });

  router.get('/meetings/:id/rsvps', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await rsvps.list(actor, parse(Id, req.params.id)));
  });

  /** A reply to the invitation; before `/meetings/:id/:transition`, which knows no "rsvp". */
  router.post('/meetings/:id/rsvp', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await rsvps.reply(actor, parse(Id, req.params.id), parse(RsvpInput, req.body)));
  });

  /** Review before release; before `/meetings/:id/:transition`, which knows no "review". */
  router.get('/meetings/:id/review', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await reviews.current(actor, parse(Id, req.params.id)));
  });

  router.post('/meetings/:id/review', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await reviews.request(actor, parse(Id, req.params.id), parse(RequestReview, req.body)));
  });

  router.post('/meetings/:id/review/done', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await reviews.markReviewed(actor, parse(Id, req.params.id)));
  });

  router.get('/meetings/:id/approval', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    res.json(await service.approvalCheck(actor, parse(Id, req.params.id)));
  });

  router.post('/meetings/:id/:transition', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const id = parse(Id, req.params.id);
    const transition = parse(MeetingTransitionName, req.params.transition);
    const { reason, confirm } = parse(TransitionRequest, req.body ?? {});
    res.json(presentMeeting(await service.transition(actor, id, transition, reason, confirm)));
  });

  /** The approved minutes: the council's version for those who may read confidential items. */
  router.get(['/meetings/:id/minutes', '/meetings/:id/minutes.md'], async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'meetings' });
    const meeting = await service.visible(actor, parse(Id, req.params.id));
    const audience = mayReadConfidential(actor) ? 'council' : 'public';
    const minutes = await repos.minutes.get(meeting.id, audience);
    if (!minutes) throw notFound('Approved minutes');
    if (req.path.endsWith('.md')) {
      res
        .type('text/markdown; charset=utf-8')
        .attachment(`referat-${meeting.startsAt.slice(0, 10)}.md`)
        .send(minutes.markdown);
      return;
    }
    res.json(minutes);
  });

  return router;
}
