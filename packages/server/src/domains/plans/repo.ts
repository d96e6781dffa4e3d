import type { Plan } from '@council/shared';
import type { Db } from '../../db/connection.ts';

export class PlansRepo {
  constructor(private readonly db: Db) {}

  async list(): Promise<Plan[]> {
    return this.db
      .prepare<[], Plan>(
        `SELECT p.id, p.title, p.period_start AS periodStart, p.period_end AS periodEnd,
          (SELECT count(*) FROM initiatives i WHERE i.plan_id = p.id) AS initiativeCount
         FROM plans p ORDER BY p.period_start DESC`,
      )
      .all();
  }

  async exists(id: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM plans WHERE id = ?').get(id) !== undefined;
  }

  /** The owning group of an initiative (null when none), or undefined when there is no such initiative. */
  async initiativeOwner(planId: string, initiativeId: string): Promise<string | null | undefined> {
    const row = this.db
      .prepare<[string, string], { owner: string | null }>(
        'SELECT owner_group_id AS owner FROM initiatives WHERE plan_id = ? AND id = ?',
      )
      .get(planId, initiativeId);
    return row ? row.owner : undefined;
  }

  async byId(id: string): Promise<Plan | null> {
    return (
      this.db
        .prepare<[string], Plan>(
          `SELECT p.id, p.title, p.period_start AS periodStart, p.period_end AS periodEnd,
            (SELECT count(*) FROM initiatives i WHERE i.plan_id = p.id) AS initiativeCount
           FROM plans p WHERE p.id = ?`,
        )
        .get(id) ?? null
    );
  }

  async ownerGroupIds(planId: string): Promise<string[]> {
    return this.db
      .prepare<[string], { g: string }>(
        'SELECT DISTINCT owner_group_id AS g FROM initiatives WHERE plan_id = ? AND owner_group_id IS NOT NULL',
      )
      .all(planId)
      .map((r) => r.g);
  }

  async create(p: Omit<Plan, 'initiativeCount'>): Promise<void> {
    this.db
      .prepare('INSERT INTO plans (id, title, period_start, period_end, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(p.id, p.title, p.periodStart, p.periodEnd, new Date().toISOString());
  }
}
