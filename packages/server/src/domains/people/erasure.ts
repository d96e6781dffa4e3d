import { createHmac } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { serverSecret } from '../../db/serverSecret.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { AuditRepo } from '../audit/repo.ts';
import type { AuthService } from '../auth/service.ts';
import type { PeopleRepo } from './repo.ts';

/** Where a person's own data is deleted outright on erasure: nothing of it is a record of the council. */
const DELETED_WITH_THE_PERSON = [
  'sessions.person_id',
  'calendar_feeds.person_id',
  'notifications.recipient_id',
  'notification_preferences.person_id',
  'mail_outbox.recipient_id',
  'idempotency_keys.person_id',
  'account_tokens.person_id',
  'recovery_codes.person_id',
  'group_members.person_id',
  // The provider's account no longer leads to this row: signing in there again is a new person.
  'oidc_identities.person_id',
];

/**
 * Erasure of a person's data by an admin (GDPR art. 17), as docs/identity.md states the policy.
 * The profile goes: name, address, organisation, title, competencies, password and two-factor
 * key; their sign-ins, notifications, mail, calendar link and memberships are deleted. The row
 * stays under a stable pseudonym ("Person 3F9A1C", the same for the same person on any server
 * with this database), so that tasks, papers, signatures and votes they took part in still read
 * whole, and their name and address are replaced by it in the audit log and in others'
 * notifications; IP addresses in the audit log's entries by or about them are removed. Approved
 * minutes and decisions stay as they were approved, with the names they record: they are the
 * council's records, which public archives law requires kept.
 */
export class Erasure {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleRepo,
    private readonly audit: AuditRepo,
    private readonly auth: AuthService,
  ) {}

  pseudonymOf(personId: string): string {
    const mac = createHmac('sha256', serverSecret(this.db, 'pseudonyms')).update(personId).digest('hex');
    return `Person ${mac.slice(0, 6).toUpperCase()}`;
  }

  async erase(actorId: string, personId: string): Promise<string> {
    if (actorId === personId) throw conflict('You cannot erase yourself; ask another administrator.');
    const person = await this.people.byId(personId);
    if (!person) throw notFound('Person');
    if (person.erasedAt) throw conflict('This person’s data has been erased already.');
    const pseudonym = this.pseudonymOf(personId);
    // Sessions end first, so their live connections close with them.
    await this.auth.endSessionsOf(personId);
    const now = new Date().toISOString();
    await inTransaction(this.db, async () => {
      const db = this.db;
      db.prepare(
        `UPDATE people SET name = ?, email = ?, organisation = '', title = '', competencies = '[]', password_hash = '',
           totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, invited_at = NULL,
           deactivated_at = coalesce(deactivated_at, ?), erased_at = ? WHERE id = ?`,
      ).run(pseudonym, `erased-${personId}@erased.invalid`, now, now, personId);
      for (const place of DELETED_WITH_THE_PERSON) {
        const [table, column] = place.split('.') as [string, string];
        db.prepare(`DELETE FROM ${table} WHERE ${column} = ?`).run(personId);
      }
      // Their name in what others were told, and in the audit log; their address gone from it.
      db.prepare('UPDATE notifications SET params = replace(params, ?, ?) WHERE actor_id = ?').run(
        person.name,
        pseudonym,
        personId,
      );
      db.prepare('UPDATE audit SET actor_name = ? WHERE actor_id = ?').run(pseudonym, personId);
      db.prepare(
        'UPDATE audit SET details = replace(replace(details, ?, ?), ?, ?) WHERE instr(details, ?) > 0 OR instr(details, ?) > 0',
      ).run(person.name, pseudonym, person.email, '', person.name, person.email);
      db.prepare(
        "UPDATE audit SET details = json_remove(details, '$.ip') WHERE (actor_id = ? OR resource = ?) AND json_valid(details)",
      ).run(personId, `person:${personId}`);
      await this.audit.record(actorId, 'person.erase', `person:${personId}`, { pseudonym });
    });
    return pseudonym;
  }
}
