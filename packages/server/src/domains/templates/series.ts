import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type CreateSeries,
  can,
  copenhagenDate,
  copenhagenInstant,
  fill,
  type MeetingSeries,
  messages,
  nextSeriesDates,
  RECORD_LOCALE,
} from '@council/shared';
import type { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { Logger } from '../../logger.ts';
import type { Repos } from '../repos.ts';
import type { SeriesRow } from './seriesRepo.ts';
import type { TemplatesService } from './service.ts';

const RESOURCE = { type: 'meetingSeries' } as const;

/** A meeting's title in the record's language: the series' name and the day, `Rådsmøde 11. marts 2027`. */
const titleOf = (name: string, date: string) =>
  fill(messages[RECORD_LOCALE].records.seriesMeetingTitle, {
    name,
    date: new Intl.DateTimeFormat(RECORD_LOCALE, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`)),
  });

/**
 * Meeting series: a cadence that makes draft meetings ahead from a template. Filling is idempotent:
 * each series and date is claimed once (`series_meetings`' key), in the transaction that makes its
 * meeting, so ticks, restarts and a creation racing the scheduler never make two.
 */
export class SeriesService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly templates: TemplatesService,
    private readonly logger: Logger,
  ) {}

  async list(actor: Actor): Promise<MeetingSeries[]> {
    this.require(actor, 'read');
    return Promise.all((await this.repos.series.list()).map((s) => this.present(s)));
  }

  async get(actor: Actor, id: string): Promise<MeetingSeries> {
    this.require(actor, 'read');
    const series = await this.repos.series.byId(id);
    if (!series) throw notFound('Series');
    return this.present(series);
  }

  /** A new series, whose next meetings are made at once. */
  async create(actor: Actor, input: z.output<typeof CreateSeries>, now = new Date()): Promise<MeetingSeries> {
    this.require(actor, 'create');
    if (!(await this.repos.templates.byId(input.templateId))) {
      throw invalid(['templateId'], 'There is no such template.', 'unknown_reference');
    }
    const id = `s-${randomUUID().slice(0, 8)}`;
    await inTransaction(this.db, async () => {
      await this.repos.series.create({ id, ...input, createdAt: now.toISOString() });
      await this.repos.audit.record(actor.id, 'series.create', `series:${id}`, { ...input });
    });
    const series = await this.repos.series.byId(id);
    if (series) await this.fillOne(series, now, actor);
    return this.get(actor, id);
  }

  /** Stops a series: no more meetings are made; those made stay, as drafts to keep or delete. */
  async delete(actor: Actor, id: string): Promise<void> {
    this.require(actor, 'delete');
    const series = await this.get(actor, id);
    await inTransaction(this.db, async () => {
      await this.repos.series.delete(id);
      await this.repos.audit.record(actor.id, 'series.delete', `series:${id}`, {
        name: series.name,
        meetings: series.meetings.length,
      });
    });
  }

  /** Makes every series' missing meetings within its horizon; returns how many were made. */
  async fill(now = new Date()): Promise<number> {
    let made = 0;
    for (const series of await this.repos.series.list()) {
      try {
        made += await this.fillOne(series, now, null);
      } catch (err) {
        this.logger.error({ err, series: series.id }, 'could not make the meetings of a series');
      }
    }
    return made;
  }

  private async fillOne(series: SeriesRow, now: Date, actor: Actor | null): Promise<number> {
    const template = await this.repos.templates.byId(series.templateId);
    if (!template) return 0;
    let made = 0;
    for (const date of nextSeriesDates(series, copenhagenDate(now), series.horizon)) {
      if (await this.repos.series.hasDate(series.id, date)) continue;
      const id = `m-${randomUUID().slice(0, 8)}`;
      const startsAt = copenhagenInstant(date, series.startTime);
      const meeting = {
        id,
        status: 'draft' as const,
        title: titleOf(series.name, date),
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + series.durationMinutes * 60_000).toISOString(),
        location: series.location,
      };
      await inTransaction(this.db, async () => {
        await this.repos.meetings.create(meeting);
        await this.repos.series.claim(series.id, date, id);
        await this.repos.audit.record(actor?.id ?? null, 'meeting.create', `meeting:${id}`, {
          title: meeting.title,
          series: series.name,
          seriesId: series.id,
          template: template.name,
          templateId: template.id,
        });
      });
      await this.templates.writeAgenda(id, template, actor);
      made++;
    }
    return made;
  }

  private async present(series: SeriesRow & { templateName: string | null }): Promise<MeetingSeries> {
    return { ...series, meetings: await this.repos.series.meetings(series.id) };
  }

  private require(actor: Actor, action: 'read' | 'create' | 'delete'): void {
    if (!can(actor, action, RESOURCE)) throw forbidden();
  }
}

const DAY_MS = 24 * 60 * 60_000;

/** Keeps every series' horizon filled: at start, then once a day. */
export class SeriesScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly series: SeriesService,
    private readonly logger: Logger,
    private readonly changed: () => void,
  ) {}

  /** The tick under way, which stopping waits for: it may be writing an agenda. */
  private running: Promise<number> = Promise.resolve(0);

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), DAY_MS);
    this.timer.unref();
  }

  tick(now = new Date()): Promise<number> {
    // One tick at a time: a second waits for the first, then finds its dates claimed.
    this.running = this.running.then(async () => {
      try {
        const made = await this.series.fill(now);
        if (made > 0) this.changed();
        return made;
      } catch (err) {
        this.logger.error({ err }, 'series tick failed');
        return 0;
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
