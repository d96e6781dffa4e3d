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

/** The decision count includes confidential decisions only when `?` is 1. */
const SELECT = `SELECT m.id, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.location, m.status,
  (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id AND (d.confidential = 0 OR ?)) AS decisionCount FROM meetings m`;

export class MeetingsRepo {
  constructor(private readonly db: Db) {}

  async list(includeConfidential = false): Promise<MeetingRow[]> {
    return this.db
      .prepare<[number], MeetingRow>(`${SELECT} ORDER BY m.starts_at DESC`)
      .all(Number(includeConfidential));
  }

  async byId(id: string, includeConfidential = false): Promise<MeetingRow | null> {
    return (
      this.db.prepare<[number, string], MeetingRow>(`${SELECT} WHERE m.id = ?`).get(Number(includeConfidential), id) ??
      null
    );
  }

  async update(
    id: string,
    patch: Partial<Pick<MeetingRow, 'title' | 'startsAt' | 'endsAt' | 'location'>>,
  ): Promise<void> {
    const columns = { title: 'title', startsAt: 'starts_at', endsAt: 'ends_at', location: 'location' } as const;
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof typeof columns, string][];
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE meetings SET ${entries.map(([k]) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v), id);
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
