import type { Db } from '../../db/connection.ts';

/**
 * Every place Council keeps something of a person, by table and the column naming them: what
 * "download my data" reads and erasure works through. personalData.int.test holds it complete
 * against the schema (every column that references people is here or in NOT_PERSONAL_DATA).
 * Secrets are never exported: password hashes, token hashes, TOTP secrets, recovery code hashes.
 */
export const PERSONAL_DATA: { table: string; column: string; what: string; omit?: string[] }[] = [
  { table: 'group_members', column: 'person_id', what: 'memberships of working groups' },
  { table: 'tasks', column: 'assignee_id', what: 'working-group tasks given to the person' },
  { table: 'followups', column: 'assignee_id', what: 'action points from minutes given to the person' },
  { table: 'council_actions_done', column: 'done_by', what: 'action points the person ticked off' },
  { table: 'group_calls', column: 'created_by', what: 'calls for participation the person made' },
  { table: 'volunteers', column: 'person_id', what: 'the person volunteering for calls' },
  { table: 'volunteers', column: 'decided_by', what: 'volunteers the person accepted or declined' },
  { table: 'minutes', column: 'approved_by', what: 'minutes the person approved' },
  {
    table: 'minutes_signatures',
    column: 'person_id',
    what: 'minutes the person signed',
    omit: ['open_hash', 'closed_hash'],
  },
  { table: 'item_votes', column: 'recorded_by', what: 'votes the person recorded' },
  { table: 'item_dissents', column: 'person_id', what: 'views minuted for the person' },
  { table: 'item_dissents', column: 'recorded_by', what: 'views the person recorded' },
  { table: 'item_conflicts', column: 'person_id', what: 'the person’s conflicts of interest' },
  { table: 'item_conflicts', column: 'declared_by', what: 'conflicts of interest the person recorded' },
  { table: 'meeting_reviews', column: 'requested_by', what: 'reviews the person asked for' },
  { table: 'meeting_reviewers', column: 'person_id', what: 'reviews the person was asked for' },
  { table: 'meeting_rsvps', column: 'person_id', what: 'the person’s answers to meeting invitations' },
  { table: 'agenda_proposals', column: 'proposed_by', what: 'agenda items the person proposed' },
  { table: 'agenda_proposals', column: 'decided_by', what: 'proposals the person decided on' },
  { table: 'papers', column: 'created_by', what: 'meeting papers the person added' },
  { table: 'papers', column: 'removed_by', what: 'meeting papers the person removed' },
  { table: 'paper_versions', column: 'uploaded_by', what: 'versions of meeting papers the person uploaded' },
  { table: 'notifications', column: 'recipient_id', what: 'the person’s notifications' },
  { table: 'notification_preferences', column: 'person_id', what: 'how the person wants to be told' },
  { table: 'mail_outbox', column: 'recipient_id', what: 'mail to the person', omit: ['dedupe_key'] },
  { table: 'sessions', column: 'person_id', what: 'where the person is signed in', omit: ['token_hash'] },
  { table: 'oidc_identities', column: 'person_id', what: 'the person’s accounts at single sign-on providers' },
  { table: 'calendar_feeds', column: 'person_id', what: 'the person’s calendar link', omit: ['token_hash'] },
];

/** Columns naming a person that hold no personal data of their own, or only secrets. */
export const NOT_PERSONAL_DATA = [
  // Replay protection for a few seconds: the request's answer, nothing about the person.
  'idempotency_keys.person_id',
  // One-time links and sign-in challenges, and recovery code hashes: secrets, removed by erasure.
  'account_tokens.person_id',
  'account_tokens.created_by',
  'recovery_codes.person_id',
  // The audit log is read by actor and by resource, below.
  'audit.actor_id',
  'notifications.actor_id',
];

const SECRET_PERSON_COLUMNS = new Set(['password_hash', 'totp_secret', 'totp_last_step']);

/**
 * Everything Council holds about a person, for them to download (GDPR art. 15 and 20): their
 * profile, then each place in PERSONAL_DATA, then the audit log's entries by them or about them.
 * What they wrote in the co-edited documents is the council's record, not a record of them; the
 * documents hold people by id only (attendance, presenters, assignees), which the rows here cover.
 */
export function exportPersonalData(db: Db, personId: string): Record<string, unknown> {
  const profile =
    db.prepare<[string], Record<string, unknown>>('SELECT * FROM people WHERE id = ?').get(personId) ?? {};
  for (const column of SECRET_PERSON_COLUMNS) delete profile[column];
  profile.competencies = JSON.parse(String(profile.competencies ?? '[]'));
  const places = PERSONAL_DATA.map(({ table, column, what, omit = [] }) => ({
    table,
    column,
    what,
    rows: db
      .prepare<[string], Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${column} = ?`)
      .all(personId)
      .map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !omit.includes(key)))),
  }));
  const audit = db
    .prepare<[string, string], Record<string, unknown>>(
      'SELECT id, at, actor_id, actor_name, action, resource, details FROM audit WHERE actor_id = ? OR resource = ? ORDER BY id',
    )
    .all(personId, `person:${personId}`)
    .map((row) => ({ ...row, details: parseJson(String(row.details)) }));
  const recoveryCodesLeft =
    db
      .prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM recovery_codes WHERE person_id = ? AND used_at IS NULL',
      )
      .get(personId)?.n ?? 0;
  return {
    exportedAt: new Date().toISOString(),
    about:
      'Everything Council holds about you: your profile, each place that names you (table and column, with what it is), and the audit log’s entries by you or about you. Secrets (your password hash, sign-in tokens, your two-factor key) are left out.',
    profile: { ...profile, twoFactorRecoveryCodesLeft: recoveryCodesLeft },
    data: places,
    audit,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
