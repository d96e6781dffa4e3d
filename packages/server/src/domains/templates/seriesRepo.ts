import { type MeetingSeries, SeriesUnit } from '@council/shared';
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';

export type SeriesRow = Omit<MeetingSeries, 'meetings' | 'templateName'>;

const COLUMNS = `s.id, s.name, s.template_id AS templateId, t.name AS templateName, s.unit, s.every,
  s.first_date AS firstDate, s.start_time AS startTime, s.duration_minutes AS durationMinutes, s.location,
  s.horizon, s.created_at AS createdAt`;
const FROM = 'meeting_series s LEFT JOIN meeting_templates t ON t.id = s.template_id';

/** A row as stored; one that no longer makes sense (an unknown unit, no step) is left out rather than thrown on. */
const Row = z.object({
  id: z.string(),
  name: z.string(),
  templateId: z.string(),
  templateName: z.string().nullable(),
  unit: SeriesUnit,
  every: z.number().int().min(1),
  firstDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationMinutes: z.number().int().min(1),
  location: z.string(),
  horizon: z.number().int().min(0),
  createdAt: z.string(),
});

const valid = (raw: unknown) => {
  const row = Row.safeParse(raw);
  return row.success ? [row.data] : [];
};

export class SeriesRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<(SeriesRow & { templateName: string | null })[]> {
    return this.db.prepare(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY s.name COLLATE NOCASE, s.id`).all().flatMap(valid);
  }

  async byId(id: string): Promise<(SeriesRow & { templateName: string | null }) | null> {
    return valid(this.db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = ?`).get(id))[0] ?? null;
  }

  /** The meetings a series has made, by date; title and status null for a meeting since deleted. */
  async meetings(seriesId: string): Promise<MeetingSeries['meetings']> {
    return this.db
      .prepare<[string], MeetingSeries['meetings'][number]>(
        `SELECT sm.occurs_on AS occursOn, sm.meeting_id AS meetingId,
           CASE WHEN m.deleted_at IS NULL THEN m.title END AS title,
           CASE WHEN m.deleted_at IS NULL THEN m.status END AS status
         FROM series_meetings sm JOIN meetings m ON m.id = sm.meeting_id
         WHERE sm.series_id = ? ORDER BY sm.occurs_on`,
      )
      .all(seriesId);
  }

  async create(s: SeriesRow): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO meeting_series (id, name, template_id, unit, every, first_date, start_time, duration_minutes,
           location, horizon, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.name,
        s.templateId,
        s.unit,
        s.every,
        s.firstDate,
        s.startTime,
        s.durationMinutes,
        s.location,
        s.horizon,
        s.createdAt,
      );
  }

  /** Its meetings stay; only the link from series to meeting goes with it. */
  async delete(id: string): Promise<void> {
    this.db.prepare('DELETE FROM meeting_series WHERE id = ?').run(id);
  }

  async hasDate(seriesId: string, occursOn: string): Promise<boolean> {
    return !!this.db
      .prepare('SELECT 1 FROM series_meetings WHERE series_id = ? AND occurs_on = ?')
      .get(seriesId, occursOn);
  }

  /** The unique key: a second meeting for the same series and date fails here, and its transaction with it. */
  async claim(seriesId: string, occursOn: string, meetingId: string): Promise<void> {
    this.db
      .prepare('INSERT INTO series_meetings (series_id, occurs_on, meeting_id) VALUES (?, ?, ?)')
      .run(seriesId, occursOn, meetingId);
  }

  async usingTemplate(templateId: string): Promise<string[]> {
    return this.db
      .prepare<[string], { name: string }>('SELECT name FROM meeting_series WHERE template_id = ? ORDER BY name')
      .all(templateId)
      .map((r) => r.name);
  }
}
