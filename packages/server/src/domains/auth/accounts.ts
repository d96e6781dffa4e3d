import { type ChangePassword, LIMITS } from '@council/shared';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import type { AuditRepo } from '../audit/repo.ts';
import type { PeopleRepo, PersonRow } from '../people/repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rateLimit.ts';
import type { AuthService } from './service.ts';

/**
 * An account's lifecycle: password changes and resets, deactivation and reactivation. Each ends
 * the sessions it must at once (their live connections close through AuthService), and each is audited.
 */
export class AccountService {
  /** Guesses at the current password from a signed-in session count like failed sign-ins. */
  private readonly wrongCurrentPassword = new FailureLimiter(LIMITS.loginFailuresPerAccount, LIMITS.loginWindowMs);

  constructor(
    private readonly people: PeopleRepo,
    private readonly audit: AuditRepo,
    private readonly auth: AuthService,
  ) {}

  /** The person changes their own password: every other session of theirs ends. */
  async changePassword(person: PersonRow, sessionId: string, body: ChangePassword): Promise<number> {
    const wait = this.wrongCurrentPassword.retryAfter(person.id);
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', 'Too many wrong passwords. Try again later.', undefined, {
        'Retry-After': String(wait),
      });
    }
    const credentials = await this.people.credentialsByEmail(person.email);
    if (!credentials || !(await verifyPassword(body.currentPassword, credentials.passwordHash))) {
      this.wrongCurrentPassword.fail(person.id);
      await this.audit.record(person.id, 'auth.failure', `person:${person.id}`, { reason: 'current password' });
      throw new HttpError(403, 'wrong_password', 'The current password is wrong.');
    }
    this.wrongCurrentPassword.reset(person.id);
    await this.people.setPassword(person.id, await hashPassword(body.newPassword));
    const ended = await this.auth.endSessionsOf(person.id, sessionId);
    await this.audit.record(person.id, 'person.password', `person:${person.id}`, { sessionsEnded: ended });
    return ended;
  }

  /** An admin (or the command line, with no actor) sets the password: every session of the person ends. */
  async resetPassword(actorId: string | null, personId: string, password: string): Promise<void> {
    await this.existing(personId);
    await this.people.setPassword(personId, await hashPassword(password));
    const ended = await this.auth.endSessionsOf(personId);
    await this.audit.record(actorId, 'person.password_reset', `person:${personId}`, { sessionsEnded: ended });
  }

  async deactivate(actorId: string | null, personId: string): Promise<PersonRow> {
    if (actorId === personId) throw conflict('You cannot deactivate yourself; ask another administrator.');
    const person = await this.existing(personId);
    if (person.deactivatedAt) return person;
    const at = new Date().toISOString();
    await this.people.setDeactivated(personId, at);
    const ended = await this.auth.endSessionsOf(personId);
    await this.audit.record(actorId, 'person.deactivate', `person:${personId}`, { sessionsEnded: ended });
    return { ...person, deactivatedAt: at };
  }

  async reactivate(actorId: string | null, personId: string): Promise<PersonRow> {
    const person = await this.existing(personId);
    if (!person.deactivatedAt) return person;
    await this.people.setDeactivated(personId, null);
    await this.audit.record(actorId, 'person.reactivate', `person:${personId}`);
    return { ...person, deactivatedAt: null };
  }

  private async existing(personId: string): Promise<PersonRow> {
    const person = await this.people.byId(personId);
    if (!person) throw notFound('Person');
    return person;
  }
}
