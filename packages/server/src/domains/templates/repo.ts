import { type MeetingTemplate, TemplateItem } from '@council/shared';
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';

interface RawTemplate {
  id: string;
  name: string;
  description: string;
  items: string;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = 'id, name, description, items, created_at AS createdAt, updated_at AS updatedAt';

/**
 * The items as stored, checked item by item: a row written by hand or by an older version that no
 * longer parses loses only what is wrong (an unreadable column reads as no items), and never throws.
 */
export function readItems(json: string): TemplateItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const item = TemplateItem.safeParse(entry);
    return item.success ? [item.data] : [];
  });
}

const toTemplate = (raw: RawTemplate): MeetingTemplate => ({
  ...raw,
  name: z.string().catch('').parse(raw.name),
  description: z.string().catch('').parse(raw.description),
  items: readItems(raw.items),
});

export class TemplatesRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<MeetingTemplate[]> {
    return this.db
      .prepare<[], RawTemplate>(`SELECT ${COLUMNS} FROM meeting_templates ORDER BY name COLLATE NOCASE, id`)
      .all()
      .map(toTemplate);
  }

  async byId(id: string): Promise<MeetingTemplate | null> {
    const raw = this.db.prepare<[string], RawTemplate>(`SELECT ${COLUMNS} FROM meeting_templates WHERE id = ?`).get(id);
    return raw ? toTemplate(raw) : null;
  }

  async create(t: Pick<MeetingTemplate, 'id' | 'name' | 'description' | 'items'>): Promise<void> {
    const now = new Date().toISOString();
    this.db
      .prepare(
        'INSERT INTO meeting_templates (id, name, description, items, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(t.id, t.name, t.description, JSON.stringify(t.items), now, now);
  }

  async update(id: string, patch: Partial<Pick<MeetingTemplate, 'name' | 'description' | 'items'>>): Promise<void> {
    const columns: [string, string | undefined][] = [
      ['name', patch.name],
      ['description', patch.description],
      ['items', patch.items && JSON.stringify(patch.items)],
      ['updated_at', new Date().toISOString()],
    ];
    const set = columns.filter((c): c is [string, string] => c[1] !== undefined);
    this.db
      .prepare(`UPDATE meeting_templates SET ${set.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`)
      .run(...set.map(([, value]) => value), id);
  }

  async delete(id: string): Promise<void> {
    this.db.prepare('DELETE FROM meeting_templates WHERE id = ?').run(id);
  }
}
