import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  LIMITS,
  type LoginRequest,
  type Me,
  type Role,
  type SessionInfo,
  type SignInAnswer,
  type TwoFactorSignIn,
  type TwoFactorStep,
} from '@council/shared';
import { HttpError, rateLimited, unauthenticated } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { AuditRepo } from '../audit/repo.ts';
import { presentMe } from '../people/presenter.ts';
import type { PeopleRepo, PersonRow } from '../people/repo.ts';
import type { AccountTokens } from './accountTokens.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords.ts';
import { FailureLimiter } from './rateLimit.ts';
import type { SessionRepo } from './sessionRepo.ts';
import type { TwoFactor } from './twoFactor.ts';

/** What a sign-in is held to besides the password: whether one may use it, and the second step. */
export interface SignInRules {
  /** Whether the person may sign in with a password at all (admins turn it off for single sign-on). */
  passwordAllowed: (person: PersonRow) => boolean;
  tokens: AccountTokens;
  twoFactor: TwoFactor;
  /** Roles that must sign in with a second factor (COUNCIL_TOTP_REQUIRED_ROLES). */
  requiredRoles: readonly Role[];
  /** The label an authenticator app shows beside the code. */
  labelOf: (person: PersonRow) => string;
}

/** Wrong codes against one challenge before it is spent, and the password must be given again. */
const CODE_ATTEMPTS = 5;

export interface Authenticated {
  actor: Actor;
  person: PersonRow;
  /** The hash of the session token, so that a session's live connections can be found and closed. */
  sessionId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** A session in use is marked as seen at most this often: a write per request would make every read a write. */
const TOUCH_EVERY_MS = 60_000;

export class AuthService {
  private readonly perAccountAndIp = new FailureLimiter(LIMITS.loginFailuresPerAccount, LIMITS.loginWindowMs);
  private readonly perIp = new FailureLimiter(LIMITS.loginFailuresPerIp, LIMITS.loginWindowMs);
  private readonly perAccount = new FailureLimiter(LIMITS.loginFailuresPerAccountAnywhere, LIMITS.loginWindowMs);
  /** Wrong second-step codes per account, across challenges: a known password does not buy unlimited guesses. */
  private readonly wrongCodes = new FailureLimiter(LIMITS.loginFailuresPerAccount, LIMITS.loginWindowMs);

  constructor(
    private readonly people: PeopleRepo,
    private readonly sessions: SessionRepo,
    private readonly audit: AuditRepo,
    private readonly now: () => number = Date.now,
    private readonly onSessionEnded: (sessionId: string) => void = () => {},
    private readonly rules?: SignInRules,
  ) {}

  async login({ email, password }: LoginRequest, ip: string, userAgent = ''): Promise<SignInAnswer> {
    const accountKey = email.toLowerCase();
    const here = `${accountKey}\u0000${ip}`;
    const wait = Math.max(
      this.perAccountAndIp.retryAfter(here),
      this.perIp.retryAfter(ip),
      this.perAccount.retryAfter(accountKey),
    );
    if (wait > 0) throw rateLimited(wait, 'Too many failed sign-ins. Try again later.');
    const found = await this.people.credentialsByEmail(email);
    const ok = found
      ? await verifyPassword(password, found.passwordHash)
      : await verifyPassword(password, await DUMMY_HASH_PROMISE);
    if (!found || !ok) {
      this.perAccountAndIp.fail(here);
      this.perIp.fail(ip);
      this.perAccount.fail(accountKey);
      // A failure against a real account is kept, so that its owner is told at the next sign-in.
      if (found) await this.audit.record(null, 'auth.failure', `person:${found.person.id}`, { ip });
      throw unauthenticated('Wrong email or password.');
    }
    this.perAccountAndIp.reset(here);
    // Told only to whoever knows the password: to anyone else a deactivated account is a wrong guess.
    if (found.person.deactivatedAt) {
      throw new HttpError(403, 'account_deactivated', 'This account has been deactivated. Ask an administrator.');
    }
    if (this.rules && !this.rules.passwordAllowed(found.person)) {
      throw new HttpError(403, 'password_sign_in_off', 'Sign in through your organisation’s single sign-on.');
    }
    return (await this.challenge(found.person)) ?? this.startSession(found.person, ip, userAgent, 'password');
  }

  /**
   * The second step a right password leads to, or null if none: a code where the person has
   * two-factor sign-in, setting it up where their role requires it and they have none yet.
   */
  private async challenge(person: PersonRow): Promise<SignInAnswer | null> {
    const second = this.rules;
    if (!second) return null;
    const kind = second.twoFactor.enabled(person.id)
      ? 'code'
      : second.requiredRoles.includes(person.role)
        ? 'setup'
        : null;
    if (!kind) return null;
    const { token } = second.tokens.issue(person.id, 'two_factor', null);
    if (kind === 'code') return { twoFactor: 'code', challenge: token };
    return {
      twoFactor: 'setup',
      challenge: token,
      setup: await second.twoFactor.begin(person.id, second.labelOf(person)),
    };
  }

  /**
   * The second step: the challenge from the first and a code (from the app, or a recovery code).
   * Set up in this step, two-factor sign-in is turned on and the recovery codes are returned, once.
   * 401 for an unknown, expired or spent challenge; 400 `wrong_code` naming `code` otherwise.
   */
  async secondStep(step: TwoFactorStep, ip: string, userAgent = ''): Promise<TwoFactorSignIn> {
    const second = this.rules;
    const row = second?.tokens.open(step.challenge, 'two_factor');
    if (!second || !row || typeof row === 'string' || row.attempts >= CODE_ATTEMPTS) {
      throw unauthenticated('This sign-in has expired. Give your password again.');
    }
    const wait = this.wrongCodes.retryAfter(row.personId);
    if (wait > 0) throw rateLimited(wait, 'Too many wrong codes. Try again later.');
    const person = await this.people.byId(row.personId);
    if (!person || person.deactivatedAt) throw unauthenticated('This sign-in has expired. Give your password again.');
    const settingUp = !second.twoFactor.enabled(person.id);
    const how = settingUp
      ? (await second.twoFactor.checkTotp(person.id, step.code))
        ? 'totp'
        : null
      : await second.twoFactor.check(person.id, step.code);
    if (!how) {
      const attempts = second.tokens.failedAttempt(row.id);
      this.wrongCodes.fail(person.id);
      // A code mistyped while setting it up is the person's own; one against a set-up factor may be
      // someone who has the password, and the owner is told at their next sign-in.
      if (!settingUp)
        await this.audit.record(null, 'auth.failure', `person:${person.id}`, { ip, reason: 'second factor' });
      // The last wrong code ends the sign-in now, not at the next try, so the page can say so.
      if (attempts >= CODE_ATTEMPTS) throw unauthenticated('Too many wrong codes. Give your password again.');
      throw invalid(['code'], 'The code is not right.', 'wrong_code');
    }
    // Two tabs with the same challenge: only one becomes a session.
    if (!second.tokens.use(row.id)) throw unauthenticated('This sign-in has expired. Give your password again.');
    this.wrongCodes.reset(person.id);
    const recoveryCodes = settingUp ? second.twoFactor.enable(person.id) : undefined;
    if (settingUp) await this.audit.record(person.id, 'person.two_factor_on', `person:${person.id}`, { at: 'sign-in' });
    if (how === 'recovery') {
      await this.audit.record(person.id, 'person.recovery_code_used', `person:${person.id}`, {
        left: second.twoFactor.recoveryCodesLeft(person.id),
      });
    }
    const session = await this.startSession(
      person,
      ip,
      userAgent,
      how === 'recovery' ? 'password+recovery' : 'password+totp',
    );
    return recoveryCodes ? { ...session, recoveryCodes } : session;
  }

  /**
   * Signs the person in, however they proved who they are (`method`, kept in the audit log): a new
   * session, and how many failed sign-ins against the account since its last sign-in.
   */
  async startSession(
    person: PersonRow,
    ip: string,
    userAgent: string,
    method: string,
  ): Promise<{ user: Me; token: string; failedSignIns: number }> {
    const failedSignIns = await this.audit.countSince(`person:${person.id}`, 'auth.failure', 'auth.login');
    await this.audit.record(person.id, 'auth.login', `person:${person.id}`, { ip, method });
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.sessions.create(hashToken(token), {
      id: randomBytes(12).toString('base64url'),
      userAgent: userAgent.slice(0, 300),
      ip,
      personId: person.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + LIMITS.sessionMaxMs,
    });
    return { user: presentMe(person, await this.people.groupRoles(person.id)), token, failedSignIns };
  }

  /** The actor behind a token, or null when the token is unknown or its session has expired. */
  async authenticate(token: string | undefined): Promise<Authenticated | null> {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const session = await this.sessions.find(tokenHash);
    const now = this.now();
    if (!session) return null;
    if (session.expiresAt <= now || session.lastSeenAt + LIMITS.sessionIdleMs <= now) {
      await this.sessions.delete(tokenHash);
      return null;
    }
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) await this.sessions.touch(tokenHash, now);
    const person = await this.people.byId(session.personId);
    if (!person || person.deactivatedAt) return null;
    return { person, actor: await this.actorFor(person), sessionId: tokenHash };
  }

  /** What the policy knows of a person as they are now (role and group roles), or null for nobody. */
  async actorOf(personId: string): Promise<Actor | null> {
    const person = await this.people.byId(personId);
    return person ? this.actorFor(person) : null;
  }

  private async actorFor(person: PersonRow): Promise<Actor> {
    return { id: person.id, role: person.role, groups: await this.people.groupRoles(person.id) };
  }

  /**
   * Keeps sessions in step with live collaboration connections, which outlast the request that
   * opened them. A session with an open connection is in use, so it is marked as seen (nobody is
   * signed out for idleness while sitting in a meeting); the live sessions that have ended (past
   * their hard limit, or deleted) are returned, for their connections to be closed; and every
   * expired session is deleted.
   */
  async sweep(liveSessionIds: Iterable<string>): Promise<string[]> {
    const now = this.now();
    const ended: string[] = [];
    for (const sessionId of new Set(liveSessionIds)) {
      const session = await this.sessions.find(sessionId);
      if (!session || session.expiresAt <= now) ended.push(sessionId);
      else if (now - session.lastSeenAt > TOUCH_EVERY_MS) await this.sessions.touch(sessionId, now);
    }
    await this.sessions.deleteExpired(now, LIMITS.sessionIdleMs);
    return ended;
  }

  /** Ends the session; `onSessionEnded` closes its live connections, which were authorised when they opened. */
  async logout(token: string | undefined): Promise<void> {
    if (token) await this.end(hashToken(token));
  }

  /** The person's sessions, marking the one `currentSessionId` names. */
  async sessionsOf(personId: string, currentSessionId: string): Promise<SessionInfo[]> {
    const iso = (ms: number) => new Date(ms).toISOString();
    return (await this.sessions.ofPerson(personId)).map((s) => ({
      id: s.id,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      userAgent: s.userAgent,
      ip: s.ip,
      current: s.tokenHash === currentSessionId,
    }));
  }

  /** Ends one of the person's sessions by its public id; false when they have no such session. */
  async endSession(personId: string, id: string): Promise<boolean> {
    const session = (await this.sessions.ofPerson(personId)).find((s) => s.id === id);
    if (session) await this.end(session.tokenHash);
    return session !== undefined;
  }

  /** Ends every session of the person but `exceptSessionId`; returns how many ended. */
  async endSessionsOf(personId: string, exceptSessionId?: string): Promise<number> {
    const ending = (await this.sessions.ofPerson(personId)).filter((s) => s.tokenHash !== exceptSessionId);
    for (const s of ending) await this.end(s.tokenHash);
    return ending.length;
  }

  private async end(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
    this.onSessionEnded(sessionId);
  }
}
