import type { Group, GroupRole } from '@council/shared';
import type { Db } from '../../db/connection.ts';

type GroupFields = Omit<Group, 'members'>;

export class GroupsRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<Group[]> {
    const groups = this.db
      .prepare<[], GroupFields>('SELECT id, name, purpose, status, visibility FROM groups ORDER BY name')
      .all();
    return groups.map((g) => ({ ...g, members: this.members(g.id) }));
  }

  async byId(id: string): Promise<Group | null> {
    const g = this.db
      .prepare<[string], GroupFields>('SELECT id, name, purpose, status, visibility FROM groups WHERE id = ?')
      .get(id);
    return g ? { ...g, members: this.members(id) } : null;
  }

  async create(g: GroupFields): Promise<void> {
    this.db
      .prepare('INSERT INTO groups (id, name, purpose, status, visibility, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(g.id, g.name, g.purpose, g.status, g.visibility, new Date().toISOString());
  }

  async addMember(groupId: string, personId: string, role: GroupRole): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO group_members (group_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role',
      )
      .run(groupId, personId, role);
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
