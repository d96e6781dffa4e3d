import { createHash, randomBytes } from 'node:crypto';
import { type Actor, type CalendarFeed, can } from '@council/shared';
import { Router } from 'express';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { requireAuth } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import type { Repos } from '../repos.ts';
import { meetingsCalendar } from './calendar.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes, base64url: what `POST /me/calendar` makes. Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Subscribing calendars are asked to fetch again within the hour. */
const REFRESH_SECONDS = 60 * 60;

/** Each person's secret calendar link, stored as the SHA-256 of its token, one per person. */
export class CalendarFeedsRepo {
  constructor(private readonly db: Db) {}

  async status(personId: string): Promise<{ createdAt: string } | null> {
    return (
      this.db
        .prepare<[string], { createdAt: string }>(
          'SELECT created_at AS createdAt FROM calendar_feeds WHERE person_id = ?',
        )
        .get(personId) ?? null
    );
  }

  async replace(personId: string, tokenHash: string, createdAt: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      )
      .run(personId, tokenHash, createdAt);
  }

  async revoke(personId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM calendar_feeds WHERE person_id = ?').run(personId).changes > 0;
  }

  async personFor(tokenHash: string): Promise<string | null> {
    return (
      this.db
        .prepare<[string], { personId: string }>(
          'SELECT person_id AS personId FROM calendar_feeds WHERE token_hash = ?',
        )
        .get(tokenHash)?.personId ?? null
    );
  }
}

/**
 * The calendar people subscribe to: `GET /calendar/<token>.ics` answers without a session, with
 * exactly the meetings the token's owner may see now (the policy asked with their actor as it is
 * today), in Copenhagen time. `/me/calendar` shows, makes (and so replaces) and revokes one's own link.
 */
export function calendarFeedRoutes(
  db: Db,
  repos: Repos,
  actorOf: (personId: string) => Promise<Actor | null>,
  publicUrl: () => string,
): Router {
  const feeds = new CalendarFeedsRepo(db);
  const router = Router();

  router.get('/me/calendar', async (req, res) => {
    const { person } = requireAuth(req);
    const feed = await feeds.status(person.id);
    res.json({ active: feed !== null, createdAt: feed?.createdAt ?? null } satisfies CalendarFeed);
  });

  router.post('/me/calendar', async (req, res) => {
    const { person } = requireAuth(req);
    const token = randomBytes(32).toString('base64url');
    const createdAt = new Date().toISOString();
    await inTransaction(db, async () => {
      const replaced = (await feeds.status(person.id)) !== null;
      await feeds.replace(person.id, hashToken(token), createdAt);
      await repos.audit.record(person.id, 'person.calendar.create', `person:${person.id}`, { replaced });
    });
    res
      .status(201)
      .json({ active: true, createdAt, url: `${publicUrl()}/api/calendar/${token}.ics` } satisfies CalendarFeed);
  });

  router.delete('/me/calendar', async (req, res) => {
    const { person } = requireAuth(req);
    await inTransaction(db, async () => {
      if (await feeds.revoke(person.id)) {
        await repos.audit.record(person.id, 'person.calendar.revoke', `person:${person.id}`);
      }
    });
    res.status(204).end();
  });

  router.get('/calendar/:token.ics', async (req, res) => {
    const token = req.params.token ?? '';
    const personId = TOKEN.test(token) ? await feeds.personFor(hashToken(token)) : null;
    const person = personId ? await repos.people.byId(personId) : null;
    const actor = person && !person.deactivatedAt ? await actorOf(person.id) : null;
    if (!actor) throw notFound('Calendar');
    const visible = (await repos.meetings.list()).filter((m) =>
      can(actor, 'read', { type: 'meeting', status: m.status }),
    );
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, no-store')
      .send(meetingsCalendar(visible, publicUrl(), { ttl: REFRESH_SECONDS }));
  });

  return router;
}
