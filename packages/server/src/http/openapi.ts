import {
  AccountLink,
  AccountLinkInfo,
  AgendaProposal,
  AgendaProposals,
  ApprovalCheck,
  AuditPage,
  AuditQuery,
  AuthProviders,
  AuthSession,
  CalendarFeed,
  ChangePassword,
  ConflictInput,
  CouncilAction,
  CouncilActionQuery,
  CreateCall,
  CreateGroup,
  CreateMeeting,
  CreatePerson,
  CreatePlan,
  CreateSeries,
  CreateTemplate,
  CsvExportQuery,
  CurrentReview,
  DecisionDetail,
  DecisionPage,
  DecisionQuery,
  DeclineProposal,
  DeletedMeeting,
  DissentInput,
  ErrorBody,
  Followup,
  Group,
  GroupCall,
  Home,
  Invitation,
  InvitePerson,
  LoginRequest,
  Me,
  Meeting,
  MeetingPapers,
  MeetingSeries,
  MeetingTemplate,
  type MeetingTransition,
  Minutes,
  NewAgendaItem,
  NewMeasurement,
  NewProposal,
  NewTask,
  NotificationList,
  NotificationPreferences,
  NotificationQuery,
  OidcCallbackQuery,
  OidcStartQuery,
  OutgoingMail,
  Paper,
  PaperUpload,
  PasswordConfirm,
  PasswordResetRequest,
  Person,
  PersonQuery,
  Plan,
  Proceedings,
  RecoveryCodes,
  RequestReview,
  ResetPassword,
  RsvpInput,
  Rsvps,
  ScheduleProposal,
  SearchQuery,
  SearchResult,
  SessionInfo,
  SetActionDone,
  SetGroupVisibility,
  SetPasswordSignIn,
  SetPasswordWithLink,
  SetRole,
  Signatures,
  SignInAnswer,
  SignInSettings,
  Site,
  Task,
  TaskQuery,
  TemplateFromMeeting,
  TransitionRequest,
  TwoFactorConfirm,
  TwoFactorSetup,
  TwoFactorSignIn,
  TwoFactorStatus,
  TwoFactorStep,
  UnsubscribeQuery,
  UpdateGroup,
  UpdateInitiative,
  UpdateMeeting,
  UpdateNotificationPreferences,
  UpdatePaper,
  UpdateProfile,
  UpdateTemplate,
  Volunteer,
  VoteInput,
} from '@council/shared';
import { z } from 'zod';

const SessionsEnded = z.object({ sessionsEnded: z.number().int().nonnegative() });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  /** Stable, unique and camelCase: generated clients name their methods after it, so it never changes. */
  operationId: string;
  summary: string;
  /** Who may call it, what it changes, its notable answers: not the summary again. */
  description: string;
  body?: z.ZodType;
  /** The body is a file's raw bytes (application/octet-stream), not JSON. */
  binaryBody?: true;
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
}

const PAPER_UPLOAD =
  'The body is the file’s raw bytes (any Content-Type; send Content-Length so that an oversized file is refused before it is sent); `name` is its file name, `title` its title (the name without its extension by default). The council (the chair, the secretary, council members and admins; 403 otherwise) until the minutes are approved (409 after; reopening thaws them); 404 for a meeting, item or paper the reader may not see. The kind is judged by the bytes: PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, TXT and CSV are accepted, and the name must fit the kind. 400 names `file` with its rule: `empty_file`, `unsupported_type` (anything else, HTML and SVG included, old or password-protected Office files), `type_mismatch`, `truncated_pdf`, `encrypted_pdf`, `unsafe_archive` (a damaged ZIP, or one that unpacks to far more than its size); 413 names `file` with `file_too_large` or `meeting_papers_full` and `limitBytes`. A refused or dropped upload leaves nothing stored. Audited; everyone with the meeting open hears of it on /api/events, and its text (PDF, DOCX, ODT, TXT, CSV) is read into the search index by a worker.';

/** What every lifecycle command shares, after what is particular to each. */
const LIFECYCLE_COMMON =
  'From the wrong state it answers 409, from a role that may not give it 403, and 404 for a meeting the reader may not see; it is audited, and it re-applies the policy to every open /collab connection of the meeting’s two documents and sends them `{"type":"meeting.status","status":…}`.';

const LIFECYCLE: Record<MeetingTransition, { operationId: string; description: string }> = {
  publish: {
    operationId: 'publishMeeting',
    description: 'The chair, the secretary and admins, on a draft: the agenda becomes visible to the whole network.',
  },
  open: {
    operationId: 'openMeeting',
    description:
      'The chair, the secretary and admins, on a published meeting: it is in session. Before the meeting’s day it answers 409 `confirmation_required` (`early`) until the body says `{ "confirm": ["early"] }`.',
  },
  close: {
    operationId: 'closeMeeting',
    description: 'The chair, the secretary and admins, on a meeting in session: its minutes are drafted from now on.',
  },
  approve: {
    operationId: 'approveMeeting',
    description:
      'The chair and the secretary (not admins), on drafted minutes: adopted decisions are numbered, the public and council minutes rendered, and both documents freeze. 409 `approval_blocked` while the approval check lists problems, and 409 `confirmation_required` (`attendance`) until the body confirms attendance that is not recorded.',
  },
  reopen: {
    operationId: 'reopenMeeting',
    description:
      'Admins and the chair, on approved minutes, with a `reason` (400 without one): the minutes are drafted, and editable, again.',
  },
  cancel: {
    operationId: 'cancelMeeting',
    description:
      'The chair, the secretary and admins, on a published meeting, with a `reason` (400 naming `reason` without one): the meeting is cancelled. It stays in every list with its reason (`cancelReason`), its documents become read-only for everyone, and calendars carry it as STATUS:CANCELLED (its own .ics as METHOD:CANCEL).',
  },
};

/** Every route of /api with the shared zod schemas it validates against; the OpenAPI document is built from this. */
const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness; the counts for admins only',
    description:
      'Anyone may call it, signed in or not; it changes nothing. Admins also get how many documents and connections are open; while changes cannot be stored it answers 503 `{ ok: false, reason, since }`.',
    response: z.object({ ok: z.literal(true), documents: z.number().optional(), connections: z.number().optional() }),
  },
  {
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in',
    description:
      'Anyone may call it. It starts a session (the `council_session` cookie, and the same token in the answer for `Authorization: Bearer`) and says how many sign-ins failed since the last one; 401 for a wrong email or password, 429 after 5 failures for the account from that address, 403 `account_deactivated` for the right password of a deactivated account; audited.',
    body: LoginRequest,
    response: SignInAnswer,
  },
  {
    method: 'post',
    path: '/api/auth/login/two-factor',
    operationId: 'loginSecondStep',
    summary: 'Sign in: the second step',
    description:
      'Anyone may call it, with the `challenge` a right password answered with (`twoFactor: code` or `setup`) and a code: from the authenticator app, or a recovery code (used up). It starts the session as `login` does; where two-factor sign-in was set up in this sign-in, it is turned on and `recoveryCodes` are returned, this once. 400 `wrong_code` naming `code`; after 5 wrong codes the challenge is spent, and an unknown, expired (10 minutes) or spent challenge is 401; 429 after 5 wrong codes for the account within 15 minutes. A code works once. Audited.',
    body: TwoFactorStep,
    response: TwoFactorSignIn,
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    operationId: 'requestPasswordReset',
    summary: 'Ask for a password reset link',
    description:
      'Anyone may call it. If the address is an active account’s, a one-time link valid for an hour is mailed to it (an invited person who has not yet chosen a password gets a new invitation). The answer is 202 `{}` whether or not the address has an account; at most 3 links per address and 20 per caller in 15 minutes. Audited.',
    body: PasswordResetRequest,
    response: z.object({}),
    status: 202,
  },
  {
    method: 'post',
    path: '/api/auth/link',
    operationId: 'inspectAccountLink',
    summary: 'Who an invitation or reset link is for',
    description:
      'Anyone may call it, with the token from the link (it travels in the body, never in a URL). 404 for a forged or unknown link, 410 `link_expired` for one that has expired or been used; 429 after 30 bad links from one address in 15 minutes. Changes nothing.',
    body: AccountLink,
    response: AccountLinkInfo,
  },
  {
    method: 'post',
    path: '/api/auth/link/password',
    operationId: 'setPasswordWithLink',
    summary: 'Choose a password through an invitation or reset link',
    description:
      'Anyone may call it, with the link’s token and the new password, which the password policy judges (400 `common_password` or `password_contains_name` naming `password`). The link is spent, the person’s other links end, and so does every session of theirs. 404 and 410 as for `/api/auth/link`. Audited.',
    body: SetPasswordWithLink,
    status: 204,
  },
  {
    method: 'get',
    path: '/api/auth/session',
    operationId: 'getSession',
    summary: 'Who is signed in',
    description:
      'Anyone; it changes nothing. `user` is the signed-in person (as `GET /api/me`), or null without a valid session: 200 either way, for clients that only want to know.',
    response: AuthSession,
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'Sign out',
    description:
      'Anyone may call it. It ends the session the request carries, if any, clears the cookie and closes that session’s open /collab connections; 204, or, when an OpenID provider started the session and has an end-session endpoint, 200 `{ endSessionUrl }`: the browser goes there to be signed out at the provider too (RP-initiated logout, with `id_token_hint`).',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/auth/providers',
    operationId: 'listAuthProviders',
    summary: 'Single sign-on providers',
    description:
      'Anyone, signed in or not; it changes nothing. The OpenID providers the sign-in page offers a button for, by id and display name (COUNCIL_AUTH_CONFIG or COUNCIL_OIDC_*, docs/identity.md); empty when none is configured.',
    response: AuthProviders,
  },
  {
    method: 'get',
    path: '/api/auth/oidc/{provider}/start',
    operationId: 'startOidcSignIn',
    summary: 'Sign in through an OpenID provider',
    description:
      'For a browser’s top-level navigation (the sign-in page’s button), signed in or not. Answers 303 to the provider’s authorization endpoint (code flow with PKCE, `state` and `nonce`) and sets the httpOnly `council_oidc` cookie that names the pending sign-in for 10 minutes. `next` is where to go after signing in, a path on this site (anything else means `/`). Failures answer 303 to `/login?sso_error=<code>` (`unknown_provider`, `unavailable`), never an error status.',
    query: OidcStartQuery,
    status: 303,
  },
  {
    method: 'get',
    path: '/api/auth/oidc/{provider}/callback',
    operationId: 'finishOidcSignIn',
    summary: 'The provider’s answer to a sign-in',
    description:
      'Where the provider sends the browser back (register `<public URL>/api/auth/oidc/<provider>/callback` as the redirect URI). The pending sign-in the `council_oidc` cookie names is used up whatever happens; its `state` and `nonce`, the ID token’s signature, issuer, audience and expiry are checked and the code is redeemed with the PKCE verifier. The person is found by the provider’s subject, linked to an account by an email the provider says is verified, or made with the default or mapped role (unless invite-only); audited. Answers 303 to the path `next` named, with the session cookie set, or to `/login?sso_error=<code>`: `cancelled`, `state`, `provider_error`, `invalid_token`, `unavailable`, `email_missing`, `email_unverified`, `invite_only`, `deactivated`, `unknown_provider`.',
    query: OidcCallbackQuery,
    status: 303,
  },
  {
    method: 'get',
    path: '/api/auth/saml/{provider}/metadata',
    operationId: 'getSamlMetadata',
    summary: 'Council’s SAML service provider metadata',
    description:
      'Anyone; it changes nothing. The SAML 2.0 metadata (application/samlmetadata+xml) of Council as the service provider for this provider, to import at the identity provider: the entity id is this URL, the assertion consumer service `<public URL>/api/auth/saml/<provider>/acs` (HTTP-POST), and signed assertions are wanted. 404 for an unknown provider.',
  },
  {
    method: 'get',
    path: '/api/auth/saml/{provider}/start',
    operationId: 'startSamlSignIn',
    summary: 'Sign in through a SAML provider',
    description:
      'For a browser’s top-level navigation (the sign-in page’s button). Answers 303 to the provider’s single sign-on URL with an AuthnRequest (HTTP-Redirect) and RelayState, and sets the httpOnly `council_saml` cookie naming the pending sign-in for 10 minutes (SameSite=None and Secure over https, so that the provider’s POST brings it). `next` as for OpenID. Failures answer 303 to `/login?sso_error=<code>`.',
    query: OidcStartQuery,
    status: 303,
  },
  {
    method: 'post',
    path: '/api/auth/saml/{provider}/acs',
    operationId: 'finishSamlSignIn',
    summary: 'The SAML provider’s response (assertion consumer service)',
    description:
      'Where the provider posts its response (`application/x-www-form-urlencoded`: `SAMLResponse`, `RelayState`), from its own origin, which is why this route alone takes a cross-site POST. Required and checked: the pending sign-in RelayState (and, over https, the cookie) names, used up whatever happens; the assertion’s signature by the provider’s certificate; its issuer; the audience (the metadata URL); the recipient (this URL); InResponseTo naming this browser’s request; the time window (one minute of clock skew, at most ten minutes old); that the assertion was not used before. The person is found, linked or made as for OpenID (an email links an account only where the provider is configured as verifying emails). Answers 303 to `next` with the session cookie set, or to `/login?sso_error=<code>` (`state`, `invalid_token`, `email_missing`, `email_unverified`, `invite_only`, `deactivated`, `unknown_provider`); audited.',
    status: 303,
  },
  {
    method: 'get',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'The signed-in person',
    description:
      'Any signed-in person; it changes nothing. The caller with their role and their role in each working group they belong to.',
    response: Me,
  },
  {
    method: 'patch',
    path: '/api/me/profile',
    operationId: 'updateMyProfile',
    summary: 'Edit own profile',
    description:
      'Any signed-in person, for themselves: name, title, organisation, competencies and locale, never role or email. Audited; the directory and its search follow at once.',
    body: UpdateProfile,
    response: Me,
  },
  {
    method: 'post',
    path: '/api/me/password',
    operationId: 'changeMyPassword',
    summary: 'Change own password; ends every other session',
    description:
      'Any signed-in person, for themselves, giving the current password: every other session of theirs ends and its open /collab connections close at once. 403 `wrong_password` (counted like failed sign-ins: 429 after 5); audited.',
    body: ChangePassword,
    response: SessionsEnded,
  },
  {
    method: 'get',
    path: '/api/me/data',
    operationId: 'downloadMyData',
    summary: 'Download my data',
    description:
      'Any signed-in person, for themselves: a JSON attachment of everything Council holds about them (GDPR art. 15 and 20): the profile, each table and column that names them with its rows (memberships, tasks, action points, papers, votes, signatures, answers, notifications, sessions and more), and the audit log’s entries by or about them. Secrets are left out. Audited.',
    response: z.object({}).passthrough(),
  },
  {
    method: 'get',
    path: '/api/me/two-factor',
    operationId: 'getMyTwoFactor',
    summary: 'Own two-factor sign-in',
    description:
      'Any signed-in person, for themselves; it changes nothing. Whether it is on, whether their role requires it, and how many recovery codes are left.',
    response: TwoFactorStatus,
  },
  {
    method: 'post',
    path: '/api/me/two-factor',
    operationId: 'beginMyTwoFactor',
    summary: 'Start setting up two-factor sign-in',
    description:
      'Any signed-in person, for themselves: a new TOTP secret, its otpauth URI and QR code. Nothing is in force until `confirm` is given a code from it. 409 while it is on.',
    response: TwoFactorSetup,
  },
  {
    method: 'post',
    path: '/api/me/two-factor/confirm',
    operationId: 'confirmMyTwoFactor',
    summary: 'Turn on two-factor sign-in with a first code',
    description:
      'Any signed-in person, for themselves, with a code from the secret `POST /api/me/two-factor` gave: it is turned on and ten recovery codes are returned, this once. 400 `wrong_code`; 409 while it is on already. Audited.',
    body: TwoFactorConfirm,
    response: RecoveryCodes,
  },
  {
    method: 'delete',
    path: '/api/me/two-factor',
    operationId: 'disableMyTwoFactor',
    summary: 'Turn off two-factor sign-in',
    description:
      'Any signed-in person, for themselves, giving their password: the secret and recovery codes are removed. 403 `wrong_password` (counted like failed sign-ins); 409 where their role requires it. Audited.',
    body: PasswordConfirm,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/me/two-factor/recovery-codes',
    operationId: 'newMyRecoveryCodes',
    summary: 'New recovery codes',
    description:
      'Any signed-in person with two-factor sign-in on, for themselves, giving their password: ten new codes, this once; the old ones stop working. 403 `wrong_password`; 409 while it is off. Audited.',
    body: PasswordConfirm,
    response: RecoveryCodes,
  },
  {
    method: 'get',
    path: '/api/me/sessions',
    operationId: 'listMySessions',
    summary: 'Own sessions',
    description:
      'Any signed-in person, for themselves; it changes nothing. Their sessions, most recently used first, the one making the request marked `current`; tokens never leave the server.',
    response: z.array(SessionInfo),
  },
  {
    method: 'delete',
    path: '/api/me/sessions',
    operationId: 'endMyOtherSessions',
    summary: 'Sign out everywhere else',
    description:
      'Any signed-in person, for themselves: every session but the one making the request ends and its open /collab connections close at once. Answers how many ended; not audited.',
    response: SessionsEnded,
  },
  {
    method: 'delete',
    path: '/api/me/sessions/{id}',
    operationId: 'endMySession',
    summary: 'End one own session',
    description:
      'Any signed-in person, for one of their own sessions: it ends and its open /collab connections close at once. 404 for an id that is not one of the caller’s sessions; not audited.',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/people',
    operationId: 'listPeople',
    summary: 'The network directory (deactivated people for admins only)',
    description:
      'Any signed-in person; it changes nothing. Filtered by `competence`, `organisation` and free text `q`; each person’s groups are named only where the reader may see them.',
    response: z.array(Person),
  },
  {
    method: 'post',
    path: '/api/people/{id}/password',
    operationId: 'resetPersonPassword',
    summary: "Set a person's password (admin, audited); ends all their sessions",
    description:
      'Admins only (403 otherwise). Every session of the person ends and their open /collab connections close at once, so whoever knew the old password is out; 404 for an unknown person; audited.',
    body: ResetPassword,
    status: 204,
  },
  {
    method: 'get',
    path: '/api/admin/sign-in',
    operationId: 'getSignInSettings',
    summary: 'Password sign-in for everyone',
    description:
      'Admins only (403 otherwise); it changes nothing. Whether password sign-in is on for everyone, and whether single sign-on is set up.',
    response: SignInSettings,
  },
  {
    method: 'put',
    path: '/api/admin/sign-in',
    operationId: 'setSignInSettings',
    summary: 'Turn password sign-in on or off for everyone',
    description:
      'Admins only (403 otherwise). Off only while single sign-on is set up (409 otherwise), so nobody is locked out; then a right password answers 403 `password_sign_in_off` and no reset link is sent. `council password-sign-in on` turns it on again from the command line. Audited.',
    body: SetPasswordSignIn,
    response: SignInSettings,
  },
  {
    method: 'put',
    path: '/api/people/{id}/password-sign-in',
    operationId: 'setPersonPasswordSignIn',
    summary: "Turn a person's password sign-in on or off",
    description:
      'Admins only (403 otherwise), not their own (409), off only while single sign-on is set up (409 otherwise). 404 for an unknown person. Audited.',
    body: SetPasswordSignIn,
    response: Person,
  },
  {
    method: 'post',
    path: '/api/people/{id}/erase',
    operationId: 'erasePerson',
    summary: "Erase a person's data (GDPR)",
    description:
      'Admins only (403 otherwise), never themselves (409), once (409 after). The profile is removed (name, address, organisation, title, competencies, password, two-factor key), their sessions, notifications, mail, calendar link and memberships are deleted, and their name is replaced by a stable pseudonym in the directory, the audit log and others’ notifications; IP addresses in the audit log’s entries by or about them are removed. Approved minutes and decisions stay as approved. Answers the pseudonym; 404 for an unknown person. Audited.',
    response: z.object({ pseudonym: z.string() }),
  },
  {
    method: 'post',
    path: '/api/people/invitations',
    operationId: 'invitePerson',
    summary: 'Invite someone by mail',
    description:
      'Admins only (403 otherwise). The person exists at once, without a password, and is mailed a one-time link valid for 7 days to choose one. `link` is that link when no mail server is set (`COUNCIL_SMTP_URL`), for the admin to pass on; null when the mail goes. 400 `email_taken` naming `email` for an address that has an account. Audited.',
    body: InvitePerson,
    response: Invitation,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/people/{id}/invitation',
    operationId: 'reinvitePerson',
    summary: 'Send an invitation again',
    description:
      'Admins only (403 otherwise), for someone who has not yet chosen a password (409 otherwise): a new link is mailed, and the earlier one stops working. 404 for an unknown person. Audited.',
    response: Invitation,
  },
  {
    method: 'post',
    path: '/api/people/{id}/two-factor/reset',
    operationId: 'resetPersonTwoFactor',
    summary: "Turn off a person's two-factor sign-in",
    description:
      'Admins only (403 otherwise), for someone who has lost both their phone and their recovery codes: it is turned off and every session of theirs ends; a role that requires it sets it up again at the next sign-in. 404 for an unknown person. Audited.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/people/{id}/deactivate',
    operationId: 'deactivatePerson',
    summary: 'Deactivate a person (admin, audited); ends all their sessions',
    description:
      'Admins only (403 otherwise). Their open /collab connections close at once, sign-in is refused and the directory hides them but from admins; 409 for oneself, 404 for an unknown person; audited.',
    response: Person,
  },
  {
    method: 'post',
    path: '/api/people/{id}/reactivate',
    operationId: 'reactivatePerson',
    summary: 'Reactivate a person (admin, audited)',
    description:
      'Admins only (403 otherwise). The person may sign in again and is back in the directory (sessions ended by the deactivation stay ended); 404 for an unknown person; audited.',
    response: Person,
  },
  {
    method: 'post',
    path: '/api/people',
    operationId: 'createPerson',
    summary: 'Invite a person (admin)',
    description:
      'Admins only (403 otherwise). Creates an account with the given role and first password; 409 if someone has that email already; audited.',
    body: CreatePerson,
    response: Person,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/people/{id}/role',
    operationId: 'setPersonRole',
    summary: 'Set a role (admin, audited)',
    description:
      'Admins only (403 otherwise). Every open /collab connection of the person is re-authorised at once: closed with 4403 where they may no longer read, sent `{"type":"access.changed"}` otherwise; 404 for an unknown person; audited.',
    body: SetRole,
    response: Person,
  },
  {
    method: 'get',
    path: '/api/site',
    operationId: 'getSite',
    summary: 'What every page needs to know of this installation',
    description:
      'Anyone, signed in or not: the link to the operator’s accessibility statement (COUNCIL_ACCESSIBILITY_STATEMENT_URL; null means the built-in page at /accessibility) and the contact for accessibility problems (COUNCIL_ACCESSIBILITY_CONTACT). Changes nothing.',
    response: Site,
  },
  {
    method: 'get',
    path: '/api/events',
    operationId: 'streamChanges',
    summary: 'Server-sent events: something the reader may be listing has changed',
    description:
      'Any signed-in person. A text/event-stream that sends `event: changed` (no data) shortly after any successful write and whenever a working group board changes, so the browser fetches its lists again; it carries no content, so the reader learns nothing their own routes would not tell them. The stream ends when the session does.',
  },
  {
    method: 'get',
    path: '/api/home',
    operationId: 'getHome',
    summary: 'What needs the signed-in person now',
    description:
      'Any signed-in person, for themselves; it changes nothing. Each block lists only what its own route would show them: the next meeting with the items they present, their tasks and action points overdue or due within 7 days, meetings whose next step they may take, volunteers waiting in groups they lead, open calls asking for a competency of theirs, and decisions adopted since their previous visit.',
    response: Home,
  },
  {
    method: 'post',
    path: '/api/home/visit',
    operationId: 'recordHomeVisit',
    summary: 'Note a visit to the home page',
    description:
      'Any signed-in person, for themselves: decisions adopted after this visit are new at the next one; visits less than an hour apart count as one. Not audited.',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/meetings',
    operationId: 'listMeetings',
    summary: 'Meetings the reader may see',
    description:
      'Any signed-in person; it changes nothing. Draft agendas are listed only for the council (admins, the chair, the secretary and council members).',
    response: z.array(Meeting),
  },
  {
    method: 'post',
    path: '/api/meetings',
    operationId: 'createMeeting',
    summary: 'Create a meeting',
    description:
      'The chair, the secretary and admins (403 otherwise). The meeting starts as a draft agenda that only the council sees until it is published; 400 names `endsAt` when it is not after the start; audited.',
    body: CreateMeeting,
    response: Meeting,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meetings/deleted',
    operationId: 'listDeletedMeetings',
    summary: 'Deleted draft meetings',
    description:
      'The chair, the secretary and admins (403 otherwise); it changes nothing. Deleted drafts, newest deletion first, with when and by whom, so that one can be restored.',
    response: z.array(DeletedMeeting),
  },
  {
    method: 'get',
    path: '/api/meetings/{id}',
    operationId: 'getMeeting',
    summary: 'One meeting',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. 404 for a meeting the reader may not see (a draft, outside the council).',
    response: Meeting,
  },
  {
    method: 'patch',
    path: '/api/meetings/{id}',
    operationId: 'updateMeeting',
    summary: "Change a meeting's fields",
    description:
      'The council (403 for others). Changes the title, times or location; 409 once the minutes are approved (reopen them first), 404 for a meeting the reader may not see, 400 names `endsAt` when it is not after the start; audited.',
    body: UpdateMeeting,
    response: Meeting,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}',
    operationId: 'deleteMeeting',
    summary: 'Delete a draft meeting',
    description:
      'The chair, the secretary and admins (403 otherwise), on a draft (409 otherwise: a published meeting is cancelled instead); 404 for a meeting the reader may not see. The meeting disappears from every list, search and calendar, and its documents are refused (open /collab connections are closed); the row and the documents are kept, and the deletion is audited with the title.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/restore',
    operationId: 'restoreMeeting',
    summary: 'Restore a deleted draft',
    description:
      'The chair, the secretary and admins (403 otherwise); 404 for a meeting that is not deleted. The draft is back in every list, its documents open again with everything they held, search and the home page find it again; audited.',
    response: Meeting,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/agenda',
    operationId: 'addAgendaItem',
    summary: 'Add an agenda item',
    description:
      'The council (403 for others). The item is written into the live agenda document, so everyone who has the meeting open sees it appear; 409 once the minutes are approved, 404 for a meeting the reader may not see.',
    body: NewAgendaItem,
    status: 201,
  },
  ...(Object.keys(LIFECYCLE) as MeetingTransition[]).map((name) => ({
    method: 'post' as const,
    path: `/api/meetings/{id}/${name}`,
    operationId: LIFECYCLE[name].operationId,
    summary: `Lifecycle: ${name}`,
    description: `${LIFECYCLE[name].description} ${LIFECYCLE_COMMON}`,
    body: TransitionRequest,
    response: Meeting,
  })),
  {
    method: 'get',
    path: '/api/meetings/{id}/signatures',
    operationId: 'getMinutesSignatures',
    summary: 'Who signed the minutes',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. Everyone recorded as present, whether and when they signed, the sign-off rule (`COUNCIL_MINUTES_SIGNOFF`: none, quorum or all) and whether the signatures satisfy it.',
    response: Signatures,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/signatures',
    operationId: 'signMinutes',
    summary: 'Sign the draft minutes',
    description:
      'The chair, the secretary and council members (403 otherwise), on minutes-draft (409 otherwise), if they were recorded present (400 naming `signature`, rule `not_present`), once (400, `already_signed`). Records the person, the time and the state of both documents; any later change to them clears the signature and tells the signer. Audited.',
    response: Signatures,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}/signatures',
    operationId: 'withdrawMinutesSignature',
    summary: 'Withdraw one’s signature',
    description:
      'As signing, until final approval (409 after it); 400 naming `signature` (`not_signed`) for one who has not signed. Audited.',
    response: Signatures,
  },
  {
    method: 'get',
    path: '/api/agenda-proposals',
    operationId: 'listAgendaProposals',
    summary: 'The agenda backlog',
    description:
      'Any signed-in person; it changes nothing. The council gets every proposal (open ones first, then the latest decided), anyone else their own, each with its status, the meeting it was put on or the reason it was declined.',
    response: AgendaProposals,
  },
  {
    method: 'post',
    path: '/api/agenda-proposals',
    operationId: 'proposeAgendaItem',
    summary: 'Propose an item for the agenda',
    description:
      '“Forslag til dagsordenen”: any signed-in person, the network included. 201 with the proposal; the chair and the secretary are told (in their digest by default). 400 names `title` (1–300 characters) or `description` (at most 2,000). Audited.',
    body: NewProposal,
    response: AgendaProposal,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/agenda-proposals/{id}/schedule',
    operationId: 'scheduleAgendaProposal',
    summary: 'Put a proposal on a meeting’s agenda',
    description:
      'The chair, the secretary and admins (403 otherwise). The proposal becomes a 15-minute discussion item on the live agenda of `meetingId` (presented by the proposer if they attend the council), and the proposer is told. 409 for a proposal decided already or a meeting whose agenda can no longer change; 404 for an unknown proposal or meeting. Audited.',
    body: ScheduleProposal,
    response: AgendaProposal,
  },
  {
    method: 'post',
    path: '/api/agenda-proposals/{id}/decline',
    operationId: 'declineAgendaProposal',
    summary: 'Decline a proposal, saying why',
    description:
      'The chair, the secretary and admins (403 otherwise); `reason` is required (400) and told to the proposer. 409 for a proposal decided already. Audited.',
    body: DeclineProposal,
    response: AgendaProposal,
  },
  {
    method: 'post',
    path: '/api/agenda-proposals/{id}/withdraw',
    operationId: 'withdrawAgendaProposal',
    summary: 'Withdraw one’s own proposal',
    description:
      'The proposer only (404 for another’s outside the council, 403 inside it), while it is open (409 after). It stays listed as withdrawn. Audited.',
    response: AgendaProposal,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/papers',
    operationId: 'listMeetingPapers',
    summary: 'A meeting’s papers (bilag)',
    description:
      'Anyone who may see the meeting; it changes nothing. The papers of the items the reader may see, in agenda order and each item’s order, each with every version (newest first) and whether its text was read (`extraction`: pending, done, failed, none). A confidential item’s papers are listed for the council only; removed papers are listed apart, for those who may restore them. `usedBytes`, `limitBytes` and `fileLimitBytes` say how much room is left. 404 for a meeting the reader may not see.',
    response: MeetingPapers,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/items/{itemId}/papers',
    operationId: 'uploadPaper',
    summary: 'Add a paper to an agenda item',
    description: `201 with the paper. ${PAPER_UPLOAD}`,
    query: PaperUpload,
    binaryBody: true,
    response: Paper,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/papers/{paperId}/versions',
    operationId: 'replacePaper',
    summary: 'Replace a paper by a new version',
    description: `201 with the paper, whose \`current\` is the new version; the older versions stay listed and can still be fetched. ${PAPER_UPLOAD}`,
    query: PaperUpload.pick({ name: true }),
    binaryBody: true,
    response: Paper,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/papers/{paperId}',
    operationId: 'updatePaper',
    summary: 'Rename a paper, or move it within its item',
    description:
      'Only the fields named change: `title` (1–200 characters), `position` (0 first among the item’s papers). The council, until approval (403 for other roles, 409 after approval); 404 for a paper the reader may not see or that is removed. Audited.',
    body: UpdatePaper,
    response: Paper,
  },
  {
    method: 'delete',
    path: '/api/papers/{paperId}',
    operationId: 'removePaper',
    summary: 'Remove a paper from its item',
    description:
      'Softly: it leaves the item and the search index, is listed under `removed` for the council, and can be restored until approval; its files are kept. The council, until approval (403, 409). Audited.',
    response: Paper,
  },
  {
    method: 'post',
    path: '/api/papers/{paperId}/restore',
    operationId: 'restorePaper',
    summary: 'Restore a removed paper',
    description:
      'It comes back last among its item’s papers. The council, until approval (403, 409); restoring one not removed changes nothing. Audited.',
    response: Paper,
  },
  {
    method: 'get',
    path: '/api/papers/{paperId}/file',
    operationId: 'getPaperFile',
    summary: 'A paper’s file',
    description:
      "The one route that serves papers’ bytes, to anyone who may read the paper (404 otherwise, for a confidential item’s paper outside the council too); `version` picks an older version, `download=1` asks for an attachment. It answers with the type judged at upload, `X-Content-Type-Options: nosniff`, `Content-Security-Policy: default-src 'none'; sandbox` and a `Content-Disposition` with a safe ASCII name and the exact UTF-8 one: inline only for PDF, PNG and JPEG, everything else as a download.",
    query: z.object({
      version: z.coerce.number().int().min(1).optional(),
      download: z.enum(['1']).optional(),
    }),
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/archive.pdf',
    operationId: 'getMeetingArchivePdf',
    summary: 'The meeting’s archival PDF',
    description:
      'One PDF of an approved meeting (409 before approval) for the archive and for requests for access to documents: a cover, a table of contents, the approved minutes (agenda, attendance, decisions with their numbers, votes, signatures, action points), then the papers in agenda order, PDFs merged in and other files listed with their SHA-256, page numbers on every page. `variant=council` (the council only; 403 otherwise) has everything; `variant=public`, the default outside the council, has the public minutes and leaves confidential items’ papers out. 404 for a meeting the reader may not see.',
    query: z.object({ variant: z.enum(['council', 'public']).optional() }),
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/archive.zip',
    operationId: 'getMeetingArchiveZip',
    summary: 'The meeting’s archival ZIP',
    description:
      'The archival PDF, every paper as uploaded (`bilag/NN-MM name`), `metadata.json` (the meeting, the minutes’ version, its decisions and each paper’s title, file name, kind, size, SHA-256, version and uploader) and `SHA256SUMS` over all of them (`sha256sum -c SHA256SUMS`), streamed as it is written. Variants, access and answers as for the archival PDF.',
    query: z.object({ variant: z.enum(['council', 'public']).optional() }),
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/rsvps',
    operationId: 'getMeetingReplies',
    summary: 'Replies to the invitation',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. The council gets every reply (accepted or declined, with the reason given and when); anyone else only their own.',
    response: Rsvps,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/rsvp',
    operationId: 'replyToInvitation',
    summary: 'Reply to the invitation',
    description:
      'The chair, the secretary and council members (403 otherwise), while the meeting is published (409 before and after: attendance is then taken at the meeting). `declined` records apologies (afbud) in the meeting’s attendance, `accepted` takes earlier apologies back; `reason` (at most 500 characters) is kept for the council. Replying again replaces the reply. Audited; the attendance changes live for everyone who has the meeting open.',
    body: RsvpInput,
    response: Rsvps,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/review',
    operationId: 'getMeetingReview',
    summary: 'The review of the draft agenda or draft minutes',
    description:
      'Any signed-in person who may see the meeting (those asked to review a draft agenda may); it changes nothing. `review` is null when the meeting is in no state to be reviewed (a draft agenda or draft minutes) or nobody was asked; otherwise the stage, the deadline, who asked and, for each reviewer, when they reviewed.',
    response: CurrentReview,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/review',
    operationId: 'requestMeetingReview',
    summary: 'Send the draft for review',
    description:
      'The chair, the secretary and admins (403 otherwise), on a draft agenda or draft minutes (409 otherwise). Asks `reviewerIds` (anyone on the council, and those presenting an item) to read the draft by `deadline`; asking again adds reviewers and moves the deadline. Those asked may read the draft agenda (read-only outside the council), are notified (`reviewRequested`) and reminded a day before the deadline (`reviewReminder`). Publishes nothing. 400 names `deadline` when it has passed (`deadline_past`) and `reviewerIds.<i>` for an unknown or deactivated person (`unknown_reference`) or one who may not review (`cannot_review`). Audited.',
    body: RequestReview,
    response: CurrentReview,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/review/done',
    operationId: 'markMeetingReviewed',
    summary: 'Say one has reviewed the draft',
    description:
      'Those asked to review (403 for others), while the draft is under review (409 otherwise); 400 naming `review` (`already_reviewed`) the second time. Audited; the secretary sees it at once.',
    response: CurrentReview,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/proceedings',
    operationId: 'getMeetingProceedings',
    summary: 'Votes, minuted views and conflicts of interest',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. For each agenda item with something recorded, in agenda order: the vote (counts, and for a named vote who voted how), the views members asked to have minuted, and the conflicts of interest declared. Confidential items only for the council.',
    response: Proceedings,
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/items/{itemId}/vote',
    operationId: 'recordVote',
    summary: 'Record the vote on a decision item',
    description:
      'The chair, the secretary and admins (403 otherwise), in session or on draft minutes (409 otherwise, and once approved). Counts (`for`, `against`, `abstain`) or named ballots by person; replaces an earlier vote. 400 names the field: `ballots.<personId>` for someone not recorded present (`absent_voter`) or with a conflict of interest on the item (`conflict_of_interest`), `for` when there are no votes (`no_votes`) or more than the members present who may vote (`too_many_votes`), `itemId` for an item that is not a decision (`not_a_decision`); 404 for an unknown item. Audited; clears signatures given to draft minutes and tells the signers.',
    body: VoteInput,
    response: Proceedings,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}/items/{itemId}/vote',
    operationId: 'removeVote',
    summary: 'Remove the vote on an item',
    description:
      'As recording it; 400 naming `itemId` (`not_recorded`) when there is none. Audited; clears signatures given to draft minutes.',
    response: Proceedings,
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/items/{itemId}/dissent',
    operationId: 'minuteDissent',
    summary: 'Have one’s view minuted on a decision',
    description:
      '“Ønsker sin stemme ført til protokol”: the chair, the secretary and council members for themselves, and the chair, the secretary and admins for anyone (`personId`; 403 otherwise), in session or on draft minutes (409 otherwise). The person must be recorded present (400 naming `personId`, `absent_voter`) and without a conflict of interest on the item (`conflict_of_interest`); the item must be a decision (`not_a_decision`). Asking again replaces the text. Audited; clears signatures given to draft minutes.',
    body: DissentInput,
    response: Proceedings,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}/items/{itemId}/dissent',
    operationId: 'removeDissent',
    summary: 'Take a minuted view back',
    description:
      'One’s own, or with `personId` someone’s (the chair, the secretary and admins), as minuting it; 400 naming `personId` (`not_recorded`) when there is none. Audited.',
    query: PersonQuery,
    response: Proceedings,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/items/{itemId}/conflicts',
    operationId: 'declareConflictOfInterest',
    summary: 'Declare a conflict of interest (inhabilitet)',
    description:
      'A council member for themselves, or the chair, the secretary and admins for a member (`personId`; 403 otherwise), until the minutes are approved (409 after, and for a cancelled meeting). The minutes say the member left for the item, and the member takes no part in its vote. 400 naming `personId`: not a council member (`not_council`), declared already (`already_declared`), or with a vote or minuted view on the item (`has_voted`: remove it first). Audited, with the reason.',
    body: ConflictInput,
    response: Proceedings,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}/items/{itemId}/conflicts',
    operationId: 'withdrawConflictOfInterest',
    summary: 'Withdraw a conflict of interest',
    description:
      'One’s own, or with `personId` a member’s (the chair, the secretary and admins), until approval; 400 naming `personId` (`not_recorded`) when there is none. Audited.',
    query: PersonQuery,
    response: Proceedings,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/approval',
    operationId: 'checkMeetingApproval',
    summary: 'What approving the minutes now would number, and what stands in its way',
    description:
      'The chair and the secretary (403 for others), while the minutes are drafted (409 otherwise); it changes nothing. `problems` must be empty and `confirm` confirmed for the approval to go through.',
    response: ApprovalCheck,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/minutes',
    operationId: 'getMinutes',
    summary: 'Approved minutes',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. The council’s version, with confidential items, for the council, the public version for everyone else; 404 until the minutes are approved, and for a meeting the reader may not see.',
    response: Minutes,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/minutes.md',
    operationId: 'getMinutesMarkdown',
    summary: 'Approved minutes as Markdown',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. A Markdown attachment of the version the reader may read (the council’s or the public one); 404 until the minutes are approved, and for a meeting the reader may not see.',
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/carry-over',
    operationId: 'listCarryOver',
    summary: 'Suggestions for the agenda',
    description:
      'Those who may edit the meeting now: the council, until the minutes are approved (403 otherwise); it changes nothing. Postponed decisions and open action points of earlier meetings, and working groups due to report by this one.',
    response: z.array(Followup),
  },
  {
    method: 'get',
    path: '/api/meetings/{id}/calendar.ics',
    operationId: 'getMeetingCalendar',
    summary: 'iCalendar event',
    description:
      'Any signed-in person who may see the meeting; it changes nothing. An iCalendar attachment, times in Europe/Copenhagen with its VTIMEZONE, whose link is built from the public URL (`COUNCIL_PUBLIC_URL`); 404 for a meeting the reader may not see.',
  },
  {
    method: 'get',
    path: '/api/meetings.ics',
    operationId: 'getMeetingsCalendar',
    summary: 'iCalendar of visible meetings',
    description:
      'Any signed-in person; it changes nothing. Every meeting the reader may see in one iCalendar attachment (Europe/Copenhagen with VTIMEZONE), to download; links are built from the public URL.',
  },
  {
    method: 'get',
    path: '/api/me/calendar',
    operationId: 'getMyCalendarFeed',
    summary: 'Whether one has a calendar link',
    description:
      'Any signed-in person, for themselves; it changes nothing. Whether a secret calendar link exists and when it was made; the link itself is stored hashed and is never shown again.',
    response: CalendarFeed,
  },
  {
    method: 'post',
    path: '/api/me/calendar',
    operationId: 'createMyCalendarFeed',
    summary: 'Make a new calendar link',
    description:
      'Any signed-in person, for themselves: a new secret link to subscribe to, in `url` (built from the public URL), shown this once; it replaces, and so revokes, any earlier link. Audited.',
    response: CalendarFeed,
    status: 201,
  },
  {
    method: 'delete',
    path: '/api/me/calendar',
    operationId: 'revokeMyCalendarFeed',
    summary: 'Revoke the calendar link',
    description:
      'Any signed-in person, for themselves: the link stops working at once (404). Audited when there was one.',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/notifications',
    operationId: 'listNotifications',
    summary: 'My notifications',
    description:
      'Signed in; it changes nothing. The newest of one’s own notifications (nobody else’s, admins included) and how many are unread. Each has its kind, the values its message fills in, further lines (the numbered decisions of approved minutes) and the app path it concerns; the bell reads it again when the change feed says something changed.',
    query: NotificationQuery,
    response: NotificationList,
  },
  {
    method: 'post',
    path: '/api/notifications/{id}/read',
    operationId: 'markNotificationRead',
    summary: 'Mark one notification read',
    description: 'Signed in, on one’s own notification: 204; 404 for one that is not one’s own.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/notifications/read-all',
    operationId: 'markAllNotificationsRead',
    summary: 'Mark all read',
    description: 'Signed in: every unread notification of one’s own is marked read; answers how many.',
    response: z.object({ marked: z.number().int() }),
  },
  {
    method: 'get',
    path: '/api/me/notification-preferences',
    operationId: 'getNotificationPreferences',
    summary: 'My mail preferences',
    description:
      'Signed in; it changes nothing. For each kind of event, whether mail comes at once, in the daily digest, or never (defaults: what one is given at once, the rest in the digest), and the digest’s hour in Europe/Copenhagen.',
    response: NotificationPreferences,
  },
  {
    method: 'patch',
    path: '/api/me/notification-preferences',
    operationId: 'updateNotificationPreferences',
    summary: 'Change my mail preferences',
    description:
      'Signed in: changes the kinds and the hour it names, nothing else; 400 names an unknown kind or delivery.',
    body: UpdateNotificationPreferences,
    response: NotificationPreferences,
  },
  {
    method: 'get',
    path: '/api/notifications/unsubscribe',
    operationId: 'showUnsubscribe',
    summary: 'The unsubscribe page of a mail',
    description:
      'The signed link in every mail, without a session; it changes nothing (link checkers fetch it). An HTML page in the person’s language naming what it turns off, with a button that POSTs; 404 for a link whose signature does not hold.',
    query: UnsubscribeQuery,
  },
  {
    method: 'post',
    path: '/api/notifications/unsubscribe',
    operationId: 'unsubscribe',
    summary: 'Unsubscribe with one click',
    description:
      'The same signed link, without a session: mail programs’ one-click unsubscribe (RFC 8058, `List-Unsubscribe=One-Click`) and the page’s button. Sets that kind of mail to never for that person (for the digest: every kind that came in it) and answers a short HTML page; 404 for a forged link.',
    query: UnsubscribeQuery,
  },
  {
    method: 'get',
    path: '/api/admin/mail',
    operationId: 'listOutgoingMail',
    summary: 'Outgoing mail',
    description:
      'Admins (403 otherwise); it changes nothing. The newest 200 mails with recipient, subject, whether sent, attempts and the last error, and whether mail goes to an SMTP server or is kept as files (`transport`).',
    response: OutgoingMail,
  },
  {
    method: 'get',
    path: '/api/admin/mail/{id}.eml',
    operationId: 'getOutgoingMailFile',
    summary: 'A kept mail as .eml',
    description:
      'Admins (403 otherwise); it changes nothing. Without an SMTP server, the mail as written to disk (message/rfc822); 404 when there is no such file.',
  },
  {
    method: 'get',
    path: '/api/calendar/{token}.ics',
    operationId: 'getCalendarFeed',
    summary: 'A person’s calendar, to subscribe to',
    description:
      'Anyone holding the secret link, without a session (calendar programs have none); it changes nothing. Every meeting the link’s owner may see now, in Europe/Copenhagen time with its VTIMEZONE, cancelled ones as STATUS:CANCELLED; 404 for an unknown or revoked link and for a deactivated owner.',
  },
  {
    method: 'get',
    path: '/api/decisions',
    operationId: 'listDecisions',
    summary: 'The decision register',
    description:
      'Any signed-in person; it changes nothing. One page at a time (`cursor`, `limit`), filtered by status, tag, year, meeting and text; confidential decisions only for the council; 400 for a cursor that is not valid.',
    query: DecisionQuery,
    response: DecisionPage,
  },
  {
    method: 'get',
    path: '/api/decisions/years',
    operationId: 'countDecisionsByYear',
    summary: 'Decisions per year',
    description:
      'Any signed-in person; it changes nothing. How many of the decisions the reader may see were made each year, newest year first, for the timeline.',
    response: z.array(z.object({ year: z.number(), count: z.number() })),
  },
  {
    method: 'get',
    path: '/api/decisions.json',
    operationId: 'exportDecisionsJson',
    summary: 'The register as JSON (open data)',
    description:
      'Any signed-in person; it changes nothing. The whole register the reader may see (confidential decisions only for the council) as a JSON attachment.',
  },
  {
    method: 'get',
    path: '/api/decisions.csv',
    operationId: 'exportDecisionsCsv',
    summary: 'The register as CSV (open data); `format=excel-da` for Danish Excel',
    description:
      'Any signed-in person; it changes nothing. The whole register the reader may see as a CSV attachment, UTF-8 with a BOM and formulas defused (see docs/api.md); 400 names `format` for anything but `csv` or `excel-da`.',
    query: CsvExportQuery,
  },
  {
    method: 'get',
    path: '/api/decisions/{number}',
    operationId: 'getDecision',
    summary: 'One decision',
    description:
      'Any signed-in person; it changes nothing. The decision by its number (`2012-003`) with its supersede chain, naming only the working groups the reader may see; 404 for an unknown number, and for a confidential decision outside the council.',
    response: DecisionDetail,
  },
  {
    method: 'get',
    path: '/api/search',
    operationId: 'search',
    summary: 'Search everything visible',
    description:
      'Any signed-in person; it changes nothing. Ranked hits among what the reader may see (confidential items only for the council, a closed group’s content only for its members); matches in the snippet lie between U+0002 and U+0003. Each word finds its part in longer words and the other forms of its Danish stem (“støttesystemerne” finds “støttesystemer”). When the query finds nothing, each word that matches nothing is replaced by the nearest word (one edit for words of 4–7 letters, two from 8) of what the reader may see, and if that finds something, `hits` are its hits and `correction.query` says what was searched for (“Mente du …”); a word only in what the reader may not see is never suggested.',
    query: SearchQuery,
    response: SearchResult,
  },
  {
    method: 'get',
    path: '/api/groups',
    operationId: 'listGroups',
    summary: 'Visible working groups',
    description:
      'Any signed-in person; it changes nothing. Open groups for everyone, closed ones only for the council and their own members, each with its members.',
    response: z.array(Group),
  },
  {
    method: 'post',
    path: '/api/groups',
    operationId: 'createGroup',
    summary: 'Create a working group',
    description:
      'The council (403 for others). The leads become members and their open /collab connections are re-authorised at once; 400 names an unknown lead or decision number; audited.',
    body: CreateGroup,
    response: Group,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/groups/{id}',
    operationId: 'getGroup',
    summary: 'One working group',
    description:
      'Any signed-in person who may see the group; it changes nothing. 404 for a closed group to those outside the council and the group.',
    response: Group,
  },
  {
    method: 'patch',
    path: '/api/groups/{id}',
    operationId: 'updateGroup',
    summary: 'Change the fields a working group names (not its visibility)',
    description:
      'The council and the group’s lead (403 for others, 404 for a group the reader may not see). Only the fields the body names change, and a `visibility` is refused; 400 names a date out of order; audited.',
    body: UpdateGroup,
    response: Group,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/visibility',
    operationId: 'setGroupVisibility',
    summary: 'Open or close a working group to the network (audited, applied to open connections)',
    description:
      'The council and the group’s lead (403 for others, 404 for a group the reader may not see). The new access reaches every open /collab connection of the board before the change commits, closing those who may no longer read it; audited.',
    body: SetGroupVisibility,
    response: Group,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/tasks',
    operationId: 'addGroupTask',
    summary: 'Add a task to the live board',
    description:
      'The group’s lead and members, and admins (403 for others, 404 for a group the reader may not see). The task is written into the live board, so everyone who has it open sees the card appear; 400 names `assigneeId` when the assignee is not a member.',
    body: NewTask,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/calls',
    operationId: 'openGroupCall',
    summary: 'Open a call for participation',
    description:
      'The council and the group’s lead (403 for others, 404 for a group the reader may not see). The call names the competencies wanted and is open for volunteers at once; audited.',
    body: CreateCall,
    response: GroupCall,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/calls',
    operationId: 'listCalls',
    summary: 'Calls for participation',
    description:
      'Any signed-in person; it changes nothing. Calls of the groups the reader may see, filtered by `group` and `status`; `mine` is the reader’s own answer, and `volunteers` are listed only for those who manage the group.',
    response: z.array(GroupCall),
  },
  {
    method: 'post',
    path: '/api/calls/{id}/volunteer',
    operationId: 'volunteerForCall',
    summary: 'Volunteer',
    description:
      'Any signed-in person who may see the call’s group (404 otherwise); the answer is pending until the lead decides. 409 when the call is closed, the caller has volunteered already or is already a member; audited.',
    body: Volunteer,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/volunteers/{personId}/accept',
    operationId: 'acceptVolunteer',
    summary: 'Accept a volunteer',
    description:
      'The council and the group’s lead (403 for others). The volunteer becomes a member and their open /collab connections are re-authorised at once; 409 when already decided or the call is closed, 404 for someone who did not volunteer; audited.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/volunteers/{personId}/decline',
    operationId: 'declineVolunteer',
    summary: 'Decline a volunteer',
    description:
      'The council and the group’s lead (403 for others). The volunteer stays outside the group; 409 when already decided or the call is closed, 404 for someone who did not volunteer; audited.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/calls/{id}/close',
    operationId: 'closeCall',
    summary: 'Close a call',
    description:
      'The council and the group’s lead (403 for others, 404 for a call the reader may not see). Nobody more may volunteer, and pending volunteers can no longer be accepted; audited.',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/tasks',
    operationId: 'listTasks',
    summary: 'Tasks (My tasks with assignee=me)',
    description:
      'Any signed-in person; it changes nothing. Tasks of the groups the reader may see, from the read model, by due date; `needsAttention` flags live data that is not valid.',
    query: TaskQuery,
    response: z.array(Task),
  },
  {
    method: 'get',
    path: '/api/actions',
    operationId: 'listCouncilActions',
    summary: "The council's action list (assignee=me for one's own)",
    description:
      'Any signed-in person; it changes nothing. Action points of approved minutes that went to no working group, open ones first by due date.',
    query: CouncilActionQuery,
    response: z.array(CouncilAction),
  },
  {
    method: 'patch',
    path: '/api/actions/{meetingId}/{refId}',
    operationId: 'setCouncilActionDone',
    summary: 'Mark a council action point done, or open again',
    description:
      'The council, and the person the action point names (403 for others). Done points leave the carry-over; 404 for an unknown point and for a working group’s task; audited when it changes.',
    body: SetActionDone,
    response: CouncilAction,
  },
  {
    method: 'get',
    path: '/api/audit',
    operationId: 'listAuditEntries',
    summary: 'The audit log, newest first (chair, secretary, admin)',
    description:
      'Admins, the chair and the secretary (403 for others); it changes nothing. Filtered by `area` or one `resource`’s trail, a page at a time: pass the answer’s `nextBefore` as `before`.',
    query: AuditQuery,
    response: AuditPage,
  },
  {
    method: 'get',
    path: '/api/plans',
    operationId: 'listPlans',
    summary: 'Action plans',
    description: 'Any signed-in person; it changes nothing. Every action plan with its number of initiatives.',
    response: z.array(Plan),
  },
  {
    method: 'post',
    path: '/api/plans',
    operationId: 'createPlan',
    summary: 'Create an action plan',
    description:
      'The council (403 for others). Answers the new plan’s `id`; 400 names `periodEnd` unless it is after the start; audited.',
    body: CreatePlan,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/plans/{id}',
    operationId: 'getPlan',
    summary: 'One action plan',
    description:
      'Any signed-in person; it changes nothing. The plan with its number of initiatives; 404 for an unknown plan.',
    response: Plan,
  },
  {
    method: 'get',
    path: '/api/plans/{id}/export.csv',
    operationId: 'exportPlanCsv',
    summary: 'The plan as CSV; `format=excel-da` for Danish Excel',
    description:
      'Any signed-in person; it changes nothing. Initiatives, indicators and measurements, one row per measurement, naming only the owning groups the reader may see; 404 for an unknown plan, 400 names `format` for anything but `csv` or `excel-da`.',
    query: CsvExportQuery,
  },
  {
    method: 'patch',
    path: '/api/plans/{id}/initiatives/{initiativeId}',
    operationId: 'updateInitiative',
    summary: 'Change an initiative',
    description:
      'The council (403 for others). Written into the live plan document, so open views update at once; the whole change is checked first, and 400 names the field (an unknown `initiativeId`, `endDate` before the start, …) with nothing applied; audited.',
    body: UpdateInitiative,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/plans/{id}/initiatives/{initiativeId}/indicators/{indicatorId}/measurements',
    operationId: 'addMeasurement',
    summary: 'Add a measurement',
    description:
      'The council, and the lead of the initiative’s owning group (403 for others). Written into the live plan document, so open charts update at once; 400 names `initiativeId`, `indicatorId`, `date` or `value`, 404 for an unknown plan; audited.',
    body: NewMeasurement,
    response: NewMeasurement,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meeting-templates',
    operationId: 'listMeetingTemplates',
    summary: 'Meeting templates',
    description:
      'The council (admins, the chair, the secretary and council members; 403 for others); it changes nothing. Every template with its items in order, by name.',
    response: z.array(MeetingTemplate),
  },
  {
    method: 'post',
    path: '/api/meeting-templates',
    operationId: 'createMeetingTemplate',
    summary: 'Create a meeting template',
    description:
      'The chair, the secretary and admins (403 otherwise). Items need a `title` and a `kind`; `durationMinutes` (10), `presenterRole` (`chair`, `secretary` or null) and `confidential` (false) have defaults. 400 names the field (`name`, `items.0.title`, …); at most 50 items; audited.',
    body: CreateTemplate,
    response: MeetingTemplate,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/meeting-templates/from-meeting',
    operationId: 'createMeetingTemplateFromMeeting',
    summary: 'Save a meeting’s agenda as a template',
    description:
      'The chair, the secretary and admins (403 otherwise). The template gets the meeting’s agenda items as they stand (title, kind, duration, confidentiality, and the presenter’s role when the presenter is the chair or the secretary), never their notes or decisions. 400 naming `meetingId` (`unknown_reference`) for a meeting the caller may not see; audited.',
    body: TemplateFromMeeting,
    response: MeetingTemplate,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meeting-templates/{id}',
    operationId: 'getMeetingTemplate',
    summary: 'One meeting template',
    description: 'The council (403 for others); it changes nothing. 404 for an unknown template.',
    response: MeetingTemplate,
  },
  {
    method: 'patch',
    path: '/api/meeting-templates/{id}',
    operationId: 'updateMeetingTemplate',
    summary: 'Change a meeting template',
    description:
      'The chair, the secretary and admins (403 otherwise). Changes the fields the body names; `items` replaces the whole list in its order. Meetings made from the template before keep their agenda. 400 names the field, 404 for an unknown template; audited.',
    body: UpdateTemplate,
    response: MeetingTemplate,
  },
  {
    method: 'delete',
    path: '/api/meeting-templates/{id}',
    operationId: 'deleteMeetingTemplate',
    summary: 'Delete a meeting template',
    description:
      'The chair, the secretary and admins (403 otherwise). Meetings made from it keep their agenda; 409 while a series makes meetings from it, 404 for an unknown template; audited with its name and items.',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/meeting-templates/{id}/meetings',
    operationId: 'createMeetingFromTemplate',
    summary: 'Create a meeting from a template',
    description:
      'The chair, the secretary and admins (403 otherwise). A draft meeting, as `createMeeting`, whose agenda gets the template’s items in order through the live document. An item’s presenter role becomes the active person holding it (the caller if they hold it, otherwise the first by name), or no presenter. 400 names `endsAt` when it is not after the start, 404 for an unknown template; audited with the template.',
    body: CreateMeeting,
    response: Meeting,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meeting-series',
    operationId: 'listMeetingSeries',
    summary: 'Meeting series',
    description:
      'The council (403 for others); it changes nothing. Every series with its cadence, template and the meetings it has made by date (title and status null for a meeting since deleted).',
    response: z.array(MeetingSeries),
  },
  {
    method: 'post',
    path: '/api/meeting-series',
    operationId: 'createMeetingSeries',
    summary: 'Start a meeting series',
    description:
      'The chair, the secretary and admins (403 otherwise). Meetings every `every` weeks or months (`unit`) from `firstDate`, at `startTime` (Copenhagen) for `durationMinutes`. The next `horizon` (2) meetings from today are made at once as drafts from the template, and a scheduler (at start and daily) keeps them made, never two for one series and date; a draft deleted by hand is not made again. 400 names the field (`templateId` with `unknown_reference`); audited, as is each meeting made.',
    body: CreateSeries,
    response: MeetingSeries,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meeting-series/{id}',
    operationId: 'getMeetingSeries',
    summary: 'One meeting series',
    description: 'The council (403 for others); it changes nothing. 404 for an unknown series.',
    response: MeetingSeries,
  },
  {
    method: 'delete',
    path: '/api/meeting-series/{id}',
    operationId: 'stopMeetingSeries',
    summary: 'Stop a meeting series',
    description:
      'The chair, the secretary and admins (403 otherwise). No more meetings are made; those made stay as they are. 404 for an unknown series; audited.',
    status: 204,
  },
];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const ERRORS = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Wrong state',
  413: 'Too large',
} as const;

/** Refuses to build a document whose operations integrators could not tell apart or read about. */
function checkOperations(operations: readonly Operation[]): void {
  const seen = new Map<string, string>();
  for (const op of operations) {
    const route = `${op.method.toUpperCase()} ${op.path}`;
    if (typeof op.operationId !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId))
      throw new Error(`${route}: operationId ${JSON.stringify(op.operationId)} is not camelCase`);
    const other = seen.get(op.operationId);
    if (other) throw new Error(`${route}: operationId ${op.operationId} is taken by ${other}`);
    seen.set(op.operationId, route);
    if (typeof op.description !== 'string' || !op.description.trim() || op.description.trim() === op.summary.trim())
      throw new Error(`${route}: the description must say more than the summary`);
  }
}

/**
 * OpenAPI 3.1, built once from OPERATIONS and the shared schemas. `publicUrl` (COUNCIL_PUBLIC_URL)
 * is the server integrators call; unset, the document names its own host (`/`).
 */
export function openApiDocument(publicUrl: string | null): object {
  checkOperations(OPERATIONS);
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: false,
        schema: schema(s as z.ZodType),
      })),
    ];
    const success = op.status ?? 200;
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, object>)[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description: op.description,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
        : {}),
      ...(op.binaryBody
        ? {
            requestBody: {
              required: true,
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
      responses: {
        [success]: op.response
          ? { description: 'OK', content: { 'application/json': { schema: schema(op.response) } } }
          : { description: 'OK' },
        ...Object.fromEntries(
          Object.entries(ERRORS).map(([code, description]) => [
            code,
            { description, content: { 'application/json': { schema: schema(ErrorBody) } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Council API',
      version: '1',
      description: 'Authenticate with the council_session cookie or Authorization: Bearer <token>.',
      license: { name: 'MPL-2.0', identifier: 'MPL-2.0' },
    },
    servers: [{ url: publicUrl ?? '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'council_session' },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}

/** Every operation of the document as `METHOD /path`, for the test that holds it to the router. */
export const documentedRoutes = () => OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The routes an Express router serves, as `METHOD /api/path` with `{param}` placeholders. */
export function servedRoutes(router: { stack: Layer[] }, prefix = '/api'): string[] {
  return router.stack.flatMap((layer) => {
    if (layer.handle?.stack) return servedRoutes({ stack: layer.handle.stack }, prefix);
    if (!layer.route) return [];
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    const methods = Object.keys(layer.route.methods).map((m) => m.toUpperCase());
    return paths.flatMap((p) => methods.map((m) => `${m} ${prefix}${p.replace(/:(\w+)/g, '{$1}')}`));
  });
}
