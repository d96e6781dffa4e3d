export const sql = /* sql */ `
-- What each person is told (the bell, the list, and mail). A notification is written in the
-- transaction of the command that causes it; (recipient, dedupe_key) makes a repeat of the same
-- event for the same person a no-op. params: JSON of what the message fills in, in no language.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  params TEXT NOT NULL,
  url TEXT NOT NULL,
  actor_id TEXT,
  created_at TEXT NOT NULL,
  read_at TEXT,
  -- 'now' (a mail of its own), 'digest' (the next daily digest), 'none'
  mail TEXT NOT NULL,
  -- the digest mail that carried it, once one has
  digest_mail_id INTEGER,
  -- also how a person's notifications are found (their list, their unread count)
  UNIQUE (recipient_id, dedupe_key)
);
CREATE INDEX notifications_for_digest ON notifications(recipient_id) WHERE mail = 'digest' AND digest_mail_id IS NULL;

-- Mail to send, written in the same transaction as what it tells (a notification, or a digest).
-- dedupe_key is unique: a notification is mailed once, a person's digest once a day.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recipient_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  dedupe_key TEXT NOT NULL UNIQUE,
  notification_id INTEGER REFERENCES notifications(id) ON DELETE CASCADE,
  digest_day TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  subject TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE status = 'pending';

-- Each person's choice per kind of event; a kind without a row has its default.
CREATE TABLE notification_preferences (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('now', 'digest', 'never')),
  PRIMARY KEY (person_id, kind)
);
-- Secrets the server makes once and keeps across restarts (the key that signs unsubscribe links).
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- The hour (Europe/Copenhagen) a person's daily digest is sent.
ALTER TABLE people ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 7;
`;
