import path from 'node:path';
import { ROLES, type Role, SIGNOFF_RULES, type SignoffRule } from '@council/shared';
import { type AuthConfig, authConfigFromEnv } from './domains/auth/ssoConfig.ts';

export interface Config {
  port: number;
  host: string;
  /** SQLite file; `:memory:` is not used because durability is the point. */
  databaseFile: string;
  production: boolean;
  /** Create the demo data when the database is empty (never in production). */
  seedDemo: boolean;
  /** Extra origins allowed to make state-changing requests besides the server's own. */
  allowedOrigins: string[];
  /**
   * Where people reach Council (`https://raad.example.dk`): the origin browsers must send, the
   * host they must ask for, and the base of every absolute link (calendars, mail). Unset, the
   * server is its own public URL, as it listens (development and the demo).
   */
  publicUrl: string | null;
  /** Host names besides the public URL's (and loopback) that requests may name: against DNS rebinding. */
  allowedHosts: string[];
  /** Directory of the built web app, served at `/`; absent in API-only tests. */
  webDist: string | null;
  logLevel: string;
  /** How long a document stays in memory after its last client leaves, so that reopening it is warm. */
  documentGraceMs: number;
  /** How much memory (estimated) the documents kept for their grace period may take together. */
  documentGraceBudgetBytes: number;
  /** Largest update one client may send over /collab; a larger one is refused, the socket closed. */
  maxUpdateBytes: number;
  /** Largest a collaboration document may grow; an update that would pass it is refused. */
  maxDocumentBytes: number;
  /** Most bytes that may wait to be sent to one /collab connection; past it the reader is closed as too slow. */
  maxSendBufferBytes: number;
  /**
   * The operator's accessibility statement (webtilgængelighedsloven § 4, made with the Agency for
   * Digital Government's tool), linked from every page; without it, the built-in page is linked.
   */
  accessibilityStatementUrl: string | null;
  /** Where people report accessibility problems, named on the built-in statement. */
  accessibilityContact: string | null;
  /** The SMTP server mail goes through (`smtp://user:pass@host:587`); without it, mail is kept as files. */
  smtpUrl: string | null;
  /** The sender of every mail. */
  mailFrom: string;
  /** How long before a published meeting its attendees are reminded of it. */
  meetingReminderHours: number;
  /** What final approval of minutes needs of the attendees' signatures: none, a quorum (more than half), all. */
  minutesSignoff: SignoffRule;
  /** Where meeting papers' bytes are kept; unset, in `blobs` beside the database file. */
  blobDir: string | null;
  /** Most bytes one meeting paper may have. */
  maxPaperBytes: number;
  /** Most bytes a meeting's papers may take together, every version counted. */
  maxMeetingPapersBytes: number;
  /** Roles that must sign in with a second factor (TOTP) when they sign in with a password. */
  totpRequiredRoles: Role[];
  /** Days the audit log is kept (0: for ever). */
  auditRetentionDays: number;
  /** Days the record of sign-ins (IP addresses, failures) is kept (0: for ever). */
  sessionRetentionDays: number;
  /** Single sign-on: OpenID providers and how people they vouch for become accounts (docs/identity.md). */
  auth: AuthConfig;
}

const MB = 1024 * 1024;

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = env.COUNCIL_DATA_DIR ?? path.join(repoRoot, 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseFile: env.COUNCIL_DB ?? path.join(dataDir, 'council.sqlite'),
    production,
    seedDemo: !production && env.COUNCIL_DEMO !== '0',
    allowedOrigins: (env.COUNCIL_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
    publicUrl: publicUrlFrom(env.COUNCIL_PUBLIC_URL, production),
    allowedHosts: (env.COUNCIL_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    webDist: env.COUNCIL_WEB_DIST ?? path.join(repoRoot, 'packages/web/dist'),
    logLevel: env.LOG_LEVEL ?? (env.VITEST ? 'silent' : 'info'),
    documentGraceMs: Number(env.COUNCIL_DOCUMENT_GRACE_MS ?? 30_000),
    documentGraceBudgetBytes: Number(env.COUNCIL_DOCUMENT_GRACE_MB ?? 32) * 1024 * 1024,
    // Within the 2 MB frame limit (LIMITS.collabMessageBytes): a frame over that never gets this far.
    maxUpdateBytes: Number(env.COUNCIL_MAX_UPDATE_KB ?? 1024) * 1024,
    maxDocumentBytes: Number(env.COUNCIL_MAX_DOCUMENT_KB ?? 16 * 1024) * 1024,
    // Thousands of keystroke updates: a client that reads at all never has this much waiting.
    maxSendBufferBytes: Number(env.COUNCIL_MAX_SEND_BUFFER_KB ?? 1024) * 1024,
    accessibilityStatementUrl: httpsOrHttpUrl(
      env.COUNCIL_ACCESSIBILITY_STATEMENT_URL,
      'COUNCIL_ACCESSIBILITY_STATEMENT_URL',
    ),
    accessibilityContact: env.COUNCIL_ACCESSIBILITY_CONTACT?.trim() || null,
    smtpUrl: env.COUNCIL_SMTP_URL?.trim() || null,
    mailFrom: env.COUNCIL_MAIL_FROM?.trim() || 'Council <council@localhost>',
    meetingReminderHours: Number(env.COUNCIL_MEETING_REMINDER_HOURS ?? 48),
    minutesSignoff: signoffRule(env.COUNCIL_MINUTES_SIGNOFF),
    blobDir: env.COUNCIL_BLOB_DIR?.trim() || null,
    maxPaperBytes: Number(env.COUNCIL_MAX_PAPER_MB ?? 50) * MB,
    maxMeetingPapersBytes: Number(env.COUNCIL_MAX_MEETING_PAPERS_MB ?? 500) * MB,
    totpRequiredRoles: rolesFrom(env.COUNCIL_TOTP_REQUIRED_ROLES ?? 'admin', 'COUNCIL_TOTP_REQUIRED_ROLES'),
    auditRetentionDays: days(env.COUNCIL_AUDIT_RETENTION_DAYS, 5 * 365, 'COUNCIL_AUDIT_RETENTION_DAYS'),
    sessionRetentionDays: days(env.COUNCIL_SESSION_RETENTION_DAYS, 90, 'COUNCIL_SESSION_RETENTION_DAYS'),
    auth: authConfigFromEnv(env),
  };
}

/** A whole number of days, 0 or more. */
function days(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number of days (0 keeps for ever): ${value}`);
  return n;
}

/** A comma-separated list of roles; empty or `none` for none. */
function rolesFrom(value: string, name: string): Role[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r && r !== 'none');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`${name}: unknown roles ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return roles as Role[];
}

function signoffRule(value: string | undefined): SignoffRule {
  const rule = value?.trim() || 'none';
  if (!(SIGNOFF_RULES as readonly string[]).includes(rule)) {
    throw new Error(`COUNCIL_MINUTES_SIGNOFF must be one of ${SIGNOFF_RULES.join(', ')}: ${value}`);
  }
  return rule as SignoffRule;
}

/** A link the server hands to browsers: http(s) only, so it can never be a script. */
function httpsOrHttpUrl(value: string | undefined, name: string): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be http or https`);
  return url.href;
}

/** The public URL's origin; in production it is https unless it is this machine (main.ts requires it there). */
function publicUrlFrom(value: string | undefined, production: boolean): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`COUNCIL_PUBLIC_URL is not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error('COUNCIL_PUBLIC_URL must be http or https');
  if (production && url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    throw new Error('COUNCIL_PUBLIC_URL must be https in production');
  }
  return url.origin;
}

/** Where a server with this configuration keeps blobs. */
export const blobDirOf = (config: Pick<Config, 'blobDir' | 'databaseFile'>) =>
  config.blobDir ?? path.join(path.dirname(config.databaseFile), 'blobs');

export const isLoopback = (hostname: string) => ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname);
