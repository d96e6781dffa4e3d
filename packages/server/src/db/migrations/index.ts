import type { Db } from '../connection.ts';
import { sql as initial } from './001_initial.ts';
import { sql as minutes } from './002_minutes.ts';
import { sql as search } from './003_search.ts';
import { sql as groups } from './004_groups.ts';
import { sql as registerTextOrder } from './005_register_text_order.ts';
import { sql as updateLogByDocument } from './006_update_log_by_document.ts';
import { sql as councilActions } from './007_council_actions.ts';
import { sql as outbox } from './008_outbox.ts';
import { sql as auditActorName } from './009_audit_actor_name.ts';
import { sql as accountLifecycle } from './010_account_lifecycle.ts';
import { sql as home } from './011_home.ts';
import { sql as idempotency } from './012_idempotency.ts';
import { sql as meetingRemoval } from './013_meeting_removal.ts';
import { sql as calendarFeeds } from './014_calendar_feeds.ts';
import { sql as searchWords, run as searchWordsRun } from './015_search_words.ts';
import { sql as notifications } from './016_notifications.ts';
import { sql as minutesSignatures } from './017_minutes_signatures.ts';
import { sql as proceedings } from './018_proceedings.ts';
import { sql as meetingTemplates } from './019_meeting_templates.ts';
import { sql as meetingReviews } from './020_meeting_reviews.ts';
import { sql as invitations } from './021_invitations.ts';
import { sql as agendaProposals } from './022_agenda_proposals.ts';
import { sql as papers } from './023_papers.ts';
import { sql as localAccounts } from './024_local_accounts.ts';
import { sql as oidc } from './025_oidc.ts';
import { sql as saml } from './026_saml.ts';

/**
 * Numbered, append-only: never edit a migration that has shipped, add the next one. `run`, where
 * present, follows the SQL in the same transaction, for data that SQL cannot compute.
 */
export const MIGRATIONS: { version: number; name: string; sql: string; run?: (db: Db) => void }[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'minutes', sql: minutes },
  { version: 3, name: 'search', sql: search },
  { version: 4, name: 'groups', sql: groups },
  { version: 5, name: 'register text order', sql: registerTextOrder },
  { version: 6, name: 'update log by document', sql: updateLogByDocument },
  { version: 7, name: 'council actions', sql: councilActions },
  { version: 8, name: 'outbox', sql: outbox },
  { version: 9, name: 'audit actor name', sql: auditActorName },
  { version: 10, name: 'account lifecycle', sql: accountLifecycle },
  { version: 11, name: 'home', sql: home },
  { version: 12, name: 'idempotency', sql: idempotency },
  { version: 13, name: 'meeting removal', sql: meetingRemoval },
  { version: 14, name: 'calendar feeds', sql: calendarFeeds },
  { version: 15, name: 'search words', sql: searchWords, run: searchWordsRun },
  { version: 16, name: 'notifications', sql: notifications },
  { version: 17, name: 'minutes signatures', sql: minutesSignatures },
  { version: 18, name: 'proceedings', sql: proceedings },
  { version: 19, name: 'meeting templates and series', sql: meetingTemplates },
  { version: 20, name: 'meeting reviews', sql: meetingReviews },
  { version: 21, name: 'invitations', sql: invitations },
  { version: 22, name: 'agenda proposals', sql: agendaProposals },
  { version: 23, name: 'papers', sql: papers },
  { version: 24, name: 'local accounts', sql: localAccounts },
  { version: 25, name: 'openid connect', sql: oidc },
  { version: 26, name: 'saml', sql: saml },
];
