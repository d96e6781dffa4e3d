import type { MeetingStatus } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export interface MeetingRow {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  status: MeetingStatus;
  decisionCount: number;
}

const SELECT = `SELECT m.id, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.location, m.status,
  (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id) AS decisionCount FROM meetings m`;

export class MeetingsRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<MeetingRow[]> {
    return this.db.prepare<[], MeetingRow>(`${SELECT} ORDER BY m.starts_at DESC`).all();
  }

  async byId(id: string): Promise<MeetingRow | null> {
    return this.db.prepare<[string], MeetingRow>(`${SELECT} WHERE m.id = ?`).get(id) ?? null;
  }

  async setStatus(id: string, status: MeetingStatus): Promise<void> {
    this.db.prepare('UPDATE meetings SET status = ? WHERE id = ?').run(status, id);
  }

  async create(m: Omit<MeetingRow, 'decisionCount'>): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO meetings (id, title, starts_at, ends_at, location, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(m.id, m.title, m.startsAt, m.endsAt, m.location, m.status, new Date().toISOString());
  }
}
