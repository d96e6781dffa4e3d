import { randomBytes } from 'node:crypto';
import type { Db } from './connection.ts';

/**
 * A key made once per installation and kept in the database (`server_secrets`), so that what is
 * signed with it (unsubscribe links, account links) stays valid across restarts and instances.
 */
export function serverSecret(db: Db, name: string): Buffer {
  db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)').run(
    name,
    randomBytes(32).toString('hex'),
  );
  const row = db.prepare<[string], { value: string }>('SELECT value FROM server_secrets WHERE name = ?').get(name);
  return Buffer.from((row as { value: string }).value, 'hex');
}
