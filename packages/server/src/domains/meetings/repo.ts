import type { DeletedMeeting, MeetingStatus } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export interface MeetingRow {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  status: MeetingStatus;
  decisionCount: number;
  decisions: { number: string; title: string; itemId: string }[];
  /** Why a cancelled meeting was cancelled; null otherwise. */
  cancelReason: string | null;
  /** The iCalendar SEQUENCE of its event: raised by each change sent to the invited (021_invitations). */
  sequence: number;
}

/**
 * Decisions are counted and listed with confidential ones only when @confidential is 1. The count is
 * of the numbered decisions the list shows: a postponed or rejected one has no number and is not a
 * decision in the register's sense.
 */
const SELECT = `SELECT m.id, m.title, m.starts_at AS startsAt, m.ends_at AS endsAt, m.location, m.status,
  m.cancel_reason AS cancelReason, m.sequence,
  (SELECT count(*) FROM decisions d WHERE d.meeting_id = m.id AND d.number IS NOT NULL
   AND (d.confidential = 0 OR @confidential)) AS decisionCount,
  (SELECT json_group_array(json_object('number', number, 'title', title, 'itemId', item_id)) FROM
    (SELECT number, title, item_id FROM decisions d WHERE d.meeting_id = m.id AND d.number IS NOT NULL
     AND (d.confidential = 0 OR @confidential) ORDER BY d.seq)) AS decisions
  FROM meetings m WHERE m.deleted_at IS NULL`;

const DELETED = `SELECT m.id, m.title, m.starts_at AS startsAt, m.deleted_at AS deletedAt,
  (SELECT p.name FROM audit a JOIN people p ON p.id = a.actor_id
   WHERE a.resource = 'meeting:' || m.id AND a.action = 'meeting.delete' ORDER BY a.id DESC LIMIT 1) AS deletedBy
  FROM meetings m WHERE m.deleted_at IS NOT NULL`;

type RawMeeting = Omit<MeetingRow, 'decisions'> & { decisions: string };
const toRow = (raw: RawMeeting): MeetingRow => ({ ...raw, decisions: JSON.parse(raw.decisions) });

export class MeetingsRepo {
  constructor(private readonly db: Db) {}

  async list(includeConfidential = false): Promise<MeetingRow[]> {
    return this.db
      .prepare<[{ confidential: number }], RawMeeting>(`${SELECT} ORDER BY m.starts_at DESC`)
      .all({ confidential: Number(includeConfidential) })
      .map(toRow);
  }

  async byId(id: string, includeConfidential = false): Promise<MeetingRow | null> {
    const raw = this.db
      .prepare<[{ confidential: number; id: string }], RawMeeting>(`${SELECT} AND m.id = @id`)
      .get({ confidential: Number(includeConfidential), id });
    return raw ? toRow(raw) : null;
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

  async cancel(id: string, reason: string): Promise<void> {
    this.db
      .prepare(`UPDATE meetings SET status = 'cancelled', cancel_reason = ?, sequence = sequence + 1 WHERE id = ?`)
      .run(reason, id);
  }

  /** A change the invited are sent: the event's next SEQUENCE. */
  async nextSequence(id: string): Promise<void> {
    this.db.prepare('UPDATE meetings SET sequence = sequence + 1 WHERE id = ?').run(id);
  }

  /** Hides a meeting from every list and refuses its documents; the row and the documents are kept. */
  async softDelete(id: string): Promise<void> {
    this.db.prepare('UPDATE meetings SET deleted_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  /** Undoes `softDelete`. */
  async restore(id: string): Promise<void> {
    this.db.prepare('UPDATE meetings SET deleted_at = NULL WHERE id = ?').run(id);
  }

  /** Deleted meetings, newest deletion first, with who deleted each (the latest audit row says). */
  async deleted(): Promise<DeletedMeeting[]> {
    return this.db.prepare<[], DeletedMeeting>(`${DELETED} ORDER BY m.deleted_at DESC`).all();
  }

  /** A deleted meeting, for restoring it; null if there is none or it is not deleted. */
  async deletedById(id: string): Promise<DeletedMeeting | null> {
    return this.db.prepare<[string], DeletedMeeting>(`${DELETED} AND m.id = ?`).get(id) ?? null;
  }

  async create(m: Omit<MeetingRow, 'decisionCount' | 'decisions' | 'cancelReason' | 'sequence'>): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO meetings (id, title, starts_at, ends_at, location, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(m.id, m.title, m.startsAt, m.endsAt, m.location, m.status, new Date().toISOString());
  }
}
