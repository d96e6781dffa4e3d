import type { Group, GroupRole } from '@council/shared';
import type { Db } from '../../db/connection.ts';

type GroupFields = Omit<Group, 'members'>;

const SELECT = `SELECT id, name, purpose, deliverables, status, visibility, start_date AS startDate, report_date AS reportDate,
  end_date AS endDate, decision_number AS decisionNumber FROM groups`;

const COLUMNS: Record<string, string> = {
  name: 'name',
  purpose: 'purpose',
  deliverables: 'deliverables',
  status: 'status',
  visibility: 'visibility',
  startDate: 'start_date',
  reportDate: 'report_date',
  endDate: 'end_date',
};

export class GroupsRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<Group[]> {
    return this.db
      .prepare<[], GroupFields>(`${SELECT} ORDER BY name`)
      .all()
      .map((g) => ({ ...g, members: this.members(g.id) }));
  }

  async byId(id: string): Promise<Group | null> {
    const g = this.db.prepare<[string], GroupFields>(`${SELECT} WHERE id = ?`).get(id);
    return g ? { ...g, members: this.members(id) } : null;
  }

  async byDecision(number: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .prepare<[string], { id: string; name: string }>('SELECT id, name FROM groups WHERE decision_number = ?')
      .all(number);
  }

  async create(g: Partial<GroupFields> & Pick<GroupFields, 'id' | 'name' | 'status' | 'visibility'>): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO groups (id, name, purpose, deliverables, status, visibility, start_date, report_date, end_date, decision_number, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        g.id,
        g.name,
        g.purpose ?? '',
        g.deliverables ?? '',
        g.status,
        g.visibility,
        g.startDate ?? null,
        g.reportDate ?? null,
        g.endDate ?? null,
        g.decisionNumber ?? null,
        new Date().toISOString(),
      );
  }

  async update(id: string, patch: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(patch).filter(([k, v]) => k in COLUMNS && v !== undefined);
    if (entries.length === 0) return;
    this.db
      .prepare(`UPDATE groups SET ${entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
      .run(...entries.map(([, v]) => v as string | null), id);
  }

  async addMember(groupId: string, personId: string, role: GroupRole): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO group_members (group_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role',
      )
      .run(groupId, personId, role);
  }

  /** Groups that owe the council a report by a date and have not concluded. */
  async reportingBy(date: string): Promise<{ id: string; name: string; reportDate: string }[]> {
    return this.db
      .prepare<[string], { id: string; name: string; reportDate: string }>(
        `SELECT id, name, report_date AS reportDate FROM groups
         WHERE report_date IS NOT NULL AND report_date <= ? AND status <> 'concluded' ORDER BY report_date`,
      )
      .all(date);
  }

  private members(groupId: string): Group['members'] {
    return this.db
      .prepare<[string], Group['members'][number]>(
        `SELECT gm.person_id AS personId, p.name, gm.role FROM group_members gm JOIN people p ON p.id = gm.person_id
         WHERE gm.group_id = ? ORDER BY gm.role, p.name`,
      )
      .all(groupId);
  }
}
