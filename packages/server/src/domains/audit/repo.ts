import type { Db } from '../../db/connection.ts';

export class AuditRepo {
  constructor(private readonly db: Db) {}

  async record(actorId: string | null, action: string, resource: string, details: object = {}): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (at, actor_id, action, resource, details) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), actorId, action, resource, JSON.stringify(details));
  }
}
