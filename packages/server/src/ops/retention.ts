import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';

export interface Retention {
  /** Days the audit log is kept; 0 keeps it for ever. */
  auditDays: number;
  /** Days the record of sign-ins (with their IP addresses and failures) is kept; 0 keeps it for ever. */
  signInDays: number;
}

/** The audit entries that are the record of signing in, kept for a shorter time than the rest. */
const SIGN_IN_ACTIONS = ['auth.login', 'auth.failure'];
const DAY_MS = 24 * 3600_000;
/** How often old entries are deleted: retention is in days, so hours are precise enough. */
const EVERY_MS = 6 * 3600_000;

/**
 * Deletes what is older than the retention settings allow (COUNCIL_AUDIT_RETENTION_DAYS,
 * COUNCIL_SESSION_RETENTION_DAYS). Sessions themselves are deleted when they end (at most 14
 * days after sign-in, AuthService.sweep); what outlives them is the sign-in record here.
 */
export function applyRetention(db: Db, retention: Retention, now = Date.now()): { audit: number; signIns: number } {
  const cutoff = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const signIns =
    retention.signInDays > 0
      ? db
          .prepare(`DELETE FROM audit WHERE at < ? AND action IN (${SIGN_IN_ACTIONS.map(() => '?').join(', ')})`)
          .run(cutoff(retention.signInDays), ...SIGN_IN_ACTIONS).changes
      : 0;
  const audit =
    retention.auditDays > 0 ? db.prepare('DELETE FROM audit WHERE at < ?').run(cutoff(retention.auditDays)).changes : 0;
  return { audit, signIns };
}

/** Applies the retention at start and every six hours until stopped. */
export function startRetention(db: Db, retention: Retention, logger: Logger): () => void {
  const run = () => {
    try {
      const deleted = applyRetention(db, retention);
      if (deleted.audit + deleted.signIns > 0) logger.info({ ...deleted, ...retention }, 'old audit entries deleted');
    } catch (err) {
      logger.error({ err }, 'retention failed');
    }
  };
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
