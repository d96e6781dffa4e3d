import { ATTENDEE_ROLES, copenhagenDate } from '@council/shared';
import type { Db } from '../../db/connection.ts';
import type { Notifier } from './notifier.ts';

/** How often the clock is read; reminders are at most this late. */
const TICK_MS = 5 * 60_000;
/** "Due soon" is this many days ahead. */
const DUE_SOON_DAYS = 3;
/**
 * Work overdue by more than this is not announced: a start after downtime catches up on what became
 * overdue meanwhile, but an action point left open for years is not news (the lists show it).
 */
const OVERDUE_WINDOW_DAYS = 30;
/** Reviewers who have not reviewed are reminded this long before the deadline. */
const REVIEW_REMINDER_HOURS = 24;

const addDays = (day: string, days: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What comes with time rather than with a command: a meeting's reminder, work due soon, work
 * overdue, a review due within a day. Each tick looks at what is true now and raises the event for
 * it with a key naming the thing and its date (the meeting and its start, the task and its due
 * date), so a tick after a restart, after downtime or a minute later raises nothing twice, and one
 * after downtime catches up on what it missed. A moved due date or start is a new event.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly meetingReminderHours: number,
  ) {}

  /** Raises what is due at `now`; returns how many people were told. */
  tick(now = new Date()): number {
    const today = copenhagenDate(now);
    const soon = addDays(today, DUE_SOON_DAYS);
    const longAgo = addDays(today, -OVERDUE_WINDOW_DAYS);
    let told = 0;
    this.db.transaction(() => {
      const until = new Date(now.getTime() + this.meetingReminderHours * 3_600_000).toISOString();
      const meetings = this.db
        .prepare<[string, string], { id: string; title: string; startsAt: string }>(
          `SELECT id, title, starts_at AS startsAt FROM meetings
           WHERE status = 'published' AND deleted_at IS NULL AND starts_at > ? AND starts_at <= ?`,
        )
        .all(now.toISOString(), until);
      const attendees = this.db
        .prepare<string[], { id: string }>(
          `SELECT id FROM people WHERE role IN (${ATTENDEE_ROLES.map(() => '?').join(', ')})`,
        )
        .all(...ATTENDEE_ROLES)
        .map((p) => p.id);
      for (const m of meetings) {
        told += this.notifier.notify({
          kind: 'meetingReminder',
          recipients: attendees,
          actorId: null,
          dedupeKey: `meetingReminder:${m.id}:${m.startsAt}`,
          values: { meeting: m.title, start: m.startsAt },
          url: `/meetings/${m.id}`,
        });
      }
      // Group tasks and the council's own action points, open, with someone to tell.
      const work = this.db
        .prepare<[], { key: string; title: string; assigneeId: string; due: string; url: string }>(
          `SELECT 'task:' || group_id || ':' || id AS key, title, assignee_id AS assigneeId, due,
                  '/groups/' || group_id || '?task=' || id AS url
           FROM tasks WHERE status != 'done' AND assignee_id IS NOT NULL AND due IS NOT NULL
           UNION ALL
           SELECT 'action:' || f.meeting_id || ':' || f.ref_id, f.title, f.assignee_id, f.due, '/actions'
           FROM followups f JOIN meetings m ON m.id = f.meeting_id
           LEFT JOIN council_actions_done d ON d.meeting_id = f.meeting_id AND d.ref_id = f.ref_id
           WHERE f.kind = 'action' AND f.group_id IS NULL AND f.assignee_id IS NOT NULL AND f.due IS NOT NULL
             AND m.status = 'approved' AND d.done_at IS NULL`,
        )
        .all();
      for (const w of work) {
        const kind = w.due < today ? (w.due >= longAgo ? 'overdue' : null) : w.due <= soon ? 'dueSoon' : null;
        if (!kind) continue;
        told += this.notifier.notify({
          kind,
          recipients: [w.assigneeId],
          actorId: null,
          dedupeKey: `${kind}:${w.key}:${w.due}`,
          values: { title: w.title, date: w.due },
          url: w.url,
        });
      }
      // Reviewers who have not yet reviewed, a day before the deadline, once per deadline.
      const reviews = new Map<
        string,
        { meetingId: string; title: string; stage: string; deadline: string; ids: string[] }
      >();
      const reviewsUntil = new Date(now.getTime() + REVIEW_REMINDER_HOURS * 3_600_000).toISOString();
      const due = this.db
        .prepare<
          [string, string],
          { meetingId: string; title: string; stage: string; deadline: string; personId: string }
        >(
          `SELECT r.meeting_id AS meetingId, m.title, r.stage, r.deadline, p.person_id AS personId
           FROM meeting_reviews r
           JOIN meeting_reviewers p ON p.meeting_id = r.meeting_id AND p.stage = r.stage
           JOIN meetings m ON m.id = r.meeting_id
           WHERE p.reviewed_at IS NULL AND r.deadline > ? AND r.deadline <= ? AND m.deleted_at IS NULL
             AND ((r.stage = 'agenda' AND m.status = 'draft') OR (r.stage = 'minutes' AND m.status = 'minutes-draft'))`,
        )
        .all(now.toISOString(), reviewsUntil);
      for (const r of due) {
        const key = `${r.meetingId}:${r.stage}:${r.deadline}`;
        const round = reviews.get(key) ?? { ...r, ids: [] };
        round.ids.push(r.personId);
        reviews.set(key, round);
      }
      for (const [key, r] of reviews) {
        told += this.notifier.notify({
          kind: 'reviewReminder',
          recipients: r.ids,
          actorId: null,
          dedupeKey: `reviewReminder:${key}`,
          values: { meeting: r.title, stage: r.stage, deadline: r.deadline },
          url: `/meetings/${r.meetingId}`,
        });
      }
    })();
    if (told > 0) this.notifier.afterCommit();
    return told;
  }

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
