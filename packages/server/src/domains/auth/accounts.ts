import { randomUUID } from 'node:crypto';
import {
  type AccountLinkInfo,
  type ChangePassword,
  type InvitePerson,
  LIMITS,
  type Role,
  type SetPasswordWithLink,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, HttpError, notFound, rateLimited } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { AuditRepo } from '../audit/repo.ts';
import type { PeopleRepo, PersonRow } from '../people/repo.ts';
import type { AccountTokens, TokenPurpose } from './accountTokens.ts';
import { passwordProblem } from './passwordPolicy.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rateLimit.ts';
import type { AuthService } from './service.ts';
import type { SignInSettings } from './signInSettings.ts';
import type { TwoFactor } from './twoFactor.ts';

/** What accounts need besides people and the audit log: links, second factors, and mail. */
export interface AccountDeps {
  db: Db;
  tokens: AccountTokens;
  twoFactor: TwoFactor;
  /** Roles whose two-factor sign-in cannot be turned off. */
  twoFactorRoles: readonly Role[];
  signIn: SignInSettings;
  /** Whether single sign-on is set up: password sign-in may be turned off only then. */
  singleSignOn: () => boolean;
  /** Writes the mail carrying an account link into the outbox, in the caller's transaction. */
  enqueueLinkMail: (personId: string, tokenId: string) => void;
  /** Wakes the mail sender after the transaction. */
  mailWritten: () => void;
  /** Whether mail leaves the machine (an SMTP server is set): if not, an admin is given the link. */
  mailIsSent: boolean;
  /** The absolute address of the page a link opens. */
  linkUrl: (token: string) => string;
}

/** Link checks are cheap to ask; bound how fast one address may try forged ones. */
const LINK_TRIES_PER_IP = 30;

const linkExpired = () =>
  new HttpError(410, 'link_expired', 'This link has expired or has been used. Ask for a new one.');

/**
 * An account's lifecycle: password changes and resets, deactivation and reactivation. Each ends
 * the sessions it must at once (their live connections close through AuthService), and each is audited.
 */
export class AccountService {
  /** Guesses at the current password from a signed-in session count like failed sign-ins. */
  private readonly wrongCurrentPassword = new FailureLimiter(LIMITS.loginFailuresPerAccount, LIMITS.loginWindowMs);

  /** Reset requests per address asked for and per caller, so nobody's mailbox is flooded. */
  private readonly resetRequests = new FailureLimiter(3, LIMITS.loginWindowMs);
  private readonly resetRequestsPerIp = new FailureLimiter(20, LIMITS.loginWindowMs);
  private readonly linkTries = new FailureLimiter(LINK_TRIES_PER_IP, LIMITS.loginWindowMs);

  constructor(
    private readonly people: PeopleRepo,
    private readonly audit: AuditRepo,
    private readonly auth: AuthService,
    private readonly deps: AccountDeps,
  ) {}

  /** 400 naming `field` if the policy refuses the password for this person. */
  private checkPolicy(field: string, password: string, person: { email: string; name: string }): void {
    const problem = passwordProblem(password, person);
    if (problem) throw invalid([field], 'Choose a less common password.', problem);
  }

  /** The person changes their own password: every other session of theirs ends. */
  async changePassword(person: PersonRow, sessionId: string, body: ChangePassword): Promise<number> {
    await this.provePassword(person, body.currentPassword, 'current password');
    this.checkPolicy('newPassword', body.newPassword, person);
    await this.people.setPassword(person.id, await hashPassword(body.newPassword));
    const ended = await this.auth.endSessionsOf(person.id, sessionId);
    await this.audit.record(person.id, 'person.password', `person:${person.id}`, { sessionsEnded: ended });
    return ended;
  }

  /** An admin (or the command line, with no actor) sets the password: every session of the person ends. */
  async resetPassword(actorId: string | null, personId: string, password: string): Promise<void> {
    const person = await this.existing(personId);
    if (person.erasedAt) throw conflict('This person’s data has been erased.');
    this.checkPolicy('password', password, person);
    await this.people.setPassword(personId, await hashPassword(password));
    this.deps.tokens.endAll(personId, 'reset');
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
    if (person.erasedAt) throw conflict('This person’s data has been erased; they cannot be reactivated.');
    if (!person.deactivatedAt) return person;
    await this.people.setDeactivated(personId, null);
    await this.audit.record(actorId, 'person.reactivate', `person:${personId}`);
    return { ...person, deactivatedAt: null };
  }

  /**
   * An admin invites someone: the person exists at once (in the directory, assignable), without a
   * password, and receives a mail with a link to set one, valid for 7 days. Without a mail server
   * the answer carries the link for the admin to pass on.
   */
  async invite(
    actorId: string,
    input: InvitePerson,
  ): Promise<{ person: PersonRow; expiresAt: string; link: string | null }> {
    const email = input.email.toLowerCase();
    if (await this.people.emailExists(email))
      throw invalid(['email'], `Someone with the email ${email} exists.`, 'email_taken');
    const now = new Date().toISOString();
    const person: PersonRow = {
      id: randomUUID(),
      email,
      name: input.name,
      role: input.role,
      organisation: input.organisation ?? '',
      title: input.title ?? '',
      competencies: [],
      locale: 'da',
      deactivatedAt: null,
      invitedAt: now,
      twoFactor: false,
      erasedAt: null,
      passwordSignIn: true,
    };
    const issued = await inTransaction(this.deps.db, async () => {
      await this.people.create(person, '');
      await this.people.setInvited(person.id, now);
      const issued = this.issueLink(person.id, 'invite', actorId);
      await this.audit.record(actorId, 'person.invite', `person:${person.id}`, { role: person.role });
      return issued;
    });
    this.deps.mailWritten();
    return { person, ...issued };
  }

  /** A new invitation link for someone who has not yet set a password; the old link stops working. */
  async reinvite(actorId: string, personId: string): Promise<{ expiresAt: string; link: string | null }> {
    const person = await this.existing(personId);
    if (!person.invitedAt) throw conflict('This person has set a password already.');
    const issued = await inTransaction(this.deps.db, async () => {
      const issued = this.issueLink(personId, 'invite', actorId);
      await this.audit.record(actorId, 'person.invite', `person:${personId}`, { again: true });
      return issued;
    });
    this.deps.mailWritten();
    return issued;
  }

  private issueLink(personId: string, purpose: TokenPurpose, actorId: string | null) {
    const { id, token, expiresAt } = this.deps.tokens.issue(personId, purpose, actorId);
    this.deps.enqueueLinkMail(personId, id);
    return { expiresAt, link: this.deps.mailIsSent ? null : this.deps.linkUrl(token) };
  }

  /**
   * Someone forgot their password: if the address is an active account's, a reset link (valid
   * for an hour) goes to it. The answer is the same either way, and takes about as long, so it
   * does not tell who has an account.
   */
  async requestReset(email: string, ip: string): Promise<void> {
    const key = email.toLowerCase();
    if (this.resetRequests.retryAfter(key) > 0 || this.resetRequestsPerIp.retryAfter(ip) > 0) return;
    this.resetRequests.fail(key);
    this.resetRequestsPerIp.fail(ip);
    const found = await this.people.credentialsByEmail(key);
    // Work like a real request's, so timing tells nothing either.
    await verifyPassword('x', found?.passwordHash || (await DUMMY_HASH_PROMISE));
    // Nothing is sent where no password may be used: a reset link would be of no use.
    if (!found || found.person.deactivatedAt || !this.deps.signIn.passwordAllowed(found.person)) return;
    await inTransaction(this.deps.db, async () => {
      // An invited person who lost the invitation gets a new one: it is the same thing to them.
      this.issueLink(found.person.id, found.person.invitedAt ? 'invite' : 'reset', null);
      await this.audit.record(null, 'person.reset_requested', `person:${found.person.id}`, { ip });
    });
    this.deps.mailWritten();
  }

  /** Who a link is for, so its page can greet them; 404 for a forged link, 410 for a spent one. */
  async inspectLink(token: string, ip: string): Promise<AccountLinkInfo> {
    const { row, person } = await this.openLink(token, ip);
    return {
      purpose: row.purpose as 'invite' | 'reset',
      email: person.email,
      name: person.name,
      expiresAt: row.expiresAt,
    };
  }

  /**
   * Sets a password through an invitation or reset link, which is then spent. Every session of
   * the person ends (whoever had the old password is out), and so do their other links.
   */
  async setPasswordWithLink({ token, password }: SetPasswordWithLink, ip: string): Promise<void> {
    const { row, person } = await this.openLink(token, ip);
    this.checkPolicy('password', password, person);
    const hash = await hashPassword(password);
    await inTransaction(this.deps.db, async () => {
      if (!this.deps.tokens.use(row.id)) throw linkExpired();
      await this.people.setPassword(person.id, hash);
      await this.people.setInvited(person.id, null);
      this.deps.tokens.endAll(person.id, 'reset');
      this.deps.tokens.endAll(person.id, 'invite');
      await this.audit.record(
        person.id,
        row.purpose === 'invite' ? 'person.invite_accepted' : 'person.password_reset',
        `person:${person.id}`,
        { ip },
      );
    });
    await this.auth.endSessionsOf(person.id);
  }

  private async openLink(token: string, ip: string) {
    const wait = this.linkTries.retryAfter(ip);
    if (wait > 0) throw rateLimited(wait, 'Too many tries. Try again later.');
    const purpose = (['invite', 'reset'] as const).map((p) => ({ p, row: this.deps.tokens.open(token, p) }));
    const found = purpose.find((x) => typeof x.row !== 'string')?.row;
    if (!found || typeof found === 'string') {
      this.linkTries.fail(ip);
      if (purpose.some((x) => x.row === 'expired')) throw linkExpired();
      throw notFound('Link');
    }
    const person = await this.people.byId(found.personId);
    if (!person || person.deactivatedAt) throw linkExpired();
    return { row: found, person };
  }

  /** Password sign-in for everyone, as admins see it. */
  signInStatus(): { passwordSignIn: boolean; singleSignOn: boolean } {
    return { passwordSignIn: this.deps.signIn.passwordForAll(), singleSignOn: this.deps.singleSignOn() };
  }

  /**
   * Turns password sign-in on or off for everyone (`personId` null) or for one person. Off only
   * once single sign-on is set up, so nobody is locked out; sessions that signed in with a
   * password stay (they end within 14 days, or an admin ends them).
   */
  async setPasswordSignIn(actorId: string | null, personId: string | null, allowed: boolean): Promise<void> {
    if (!allowed && !this.deps.singleSignOn()) {
      throw conflict('Set up single sign-on before turning password sign-in off.');
    }
    if (personId === null) this.deps.signIn.setPasswordForAll(allowed);
    else {
      if (allowed === false && actorId === personId) throw conflict('You cannot turn off your own password sign-in.');
      const person = await this.existing(personId);
      if (person.erasedAt) throw conflict('This person’s data has been erased.');
      await this.people.setPasswordSignIn(personId, allowed);
    }
    await this.audit.record(actorId, 'auth.password_sign_in', personId ? `person:${personId}` : 'server', { allowed });
  }

  twoFactorStatus(person: PersonRow): TwoFactorStatus {
    return {
      enabled: this.deps.twoFactor.enabled(person.id),
      required: this.deps.twoFactorRoles.includes(person.role),
      recoveryCodesLeft: this.deps.twoFactor.recoveryCodesLeft(person.id),
    };
  }

  /** Starts setting up two-factor sign-in from the account page; confirmed by `confirmTwoFactor`. */
  async beginTwoFactor(person: PersonRow, label: string): Promise<TwoFactorSetup> {
    if (this.deps.twoFactor.enabled(person.id)) throw conflict('Two-factor sign-in is on already.');
    return this.deps.twoFactor.begin(person.id, label);
  }

  /** The first code from the app turns it on; the recovery codes are returned, once. */
  async confirmTwoFactor(person: PersonRow, code: string): Promise<string[]> {
    if (this.deps.twoFactor.enabled(person.id)) throw conflict('Two-factor sign-in is on already.');
    if (!(await this.deps.twoFactor.checkTotp(person.id, code)))
      throw invalid(['code'], 'The code is not right.', 'wrong_code');
    const codes = this.deps.twoFactor.enable(person.id);
    await this.audit.record(person.id, 'person.two_factor_on', `person:${person.id}`);
    return codes;
  }

  /** Turns it off, with the password as proof; refused where the person's role requires it. */
  async disableTwoFactor(person: PersonRow, password: string): Promise<void> {
    if (this.deps.twoFactorRoles.includes(person.role)) throw conflict('Your role requires two-factor sign-in.');
    await this.provePassword(person, password);
    this.deps.twoFactor.disable(person.id);
    await this.audit.record(person.id, 'person.two_factor_off', `person:${person.id}`);
  }

  /** New recovery codes, with the password as proof; the old ones stop working. */
  async newRecoveryCodes(person: PersonRow, password: string): Promise<string[]> {
    if (!this.deps.twoFactor.enabled(person.id)) throw conflict('Two-factor sign-in is off.');
    await this.provePassword(person, password);
    const codes = this.deps.twoFactor.newRecoveryCodes(person.id);
    await this.audit.record(person.id, 'person.recovery_codes', `person:${person.id}`);
    return codes;
  }

  /** An admin turns off someone's two-factor sign-in (a lost phone and lost codes); every session of theirs ends. */
  async resetTwoFactor(actorId: string, personId: string): Promise<void> {
    await this.existing(personId);
    this.deps.twoFactor.disable(personId);
    const ended = await this.auth.endSessionsOf(personId);
    await this.audit.record(actorId, 'person.two_factor_reset', `person:${personId}`, { sessionsEnded: ended });
  }

  /** 403 `wrong_password` unless `password` is the person's; guesses count like failed sign-ins. */
  private async provePassword(person: PersonRow, password: string, reason = 'password to confirm'): Promise<void> {
    const wait = this.wrongCurrentPassword.retryAfter(person.id);
    if (wait > 0) throw rateLimited(wait, 'Too many wrong passwords. Try again later.');
    const credentials = await this.people.credentialsByEmail(person.email);
    if (!credentials || !(await verifyPassword(password, credentials.passwordHash))) {
      this.wrongCurrentPassword.fail(person.id);
      await this.audit.record(person.id, 'auth.failure', `person:${person.id}`, { reason });
      throw new HttpError(403, 'wrong_password', 'The password is wrong.');
    }
    this.wrongCurrentPassword.reset(person.id);
  }

  private async existing(personId: string): Promise<PersonRow> {
    const person = await this.people.byId(personId);
    if (!person) throw notFound('Person');
    return person;
  }
}
