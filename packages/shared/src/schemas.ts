import { z } from 'zod';
import { TaskStatus } from './documents/group.ts';
import { AgendaItem } from './documents/meeting.ts';
import { Initiative, InitiativeStatus } from './documents/plan.ts';
import { LIMITS, TEXT_LIMITS } from './limits.ts';
import { DecisionNumber, Id, IsoDate, IsoDateTime } from './primitives.ts';
import { ItemRecordOfVote } from './proceedings.ts';
import { GROUP_ROLES, ROLES } from './roles.ts';

export const Locale = z.enum(['da', 'en']);
export type Locale = z.infer<typeof Locale>;

export const RoleSchema = z.enum(ROLES);
export const GroupRoleSchema = z.enum(GROUP_ROLES);

export const Person = z.object({
  id: Id,
  email: z.email(),
  name: z.string().min(1).max(200),
  role: RoleSchema,
  organisation: z.string().max(200),
  title: z.string().max(200),
  competencies: z.array(z.string().max(80)).max(50),
  locale: Locale,
  /** Set when an admin deactivated the person: they cannot sign in, and their sessions have ended. */
  deactivatedAt: IsoDateTime.nullable().optional(),
  /** When they were invited, while they have not yet set a password (for those who manage people). */
  invitedAt: IsoDateTime.nullable().optional(),
  /** Whether they sign in with a second factor (for themselves and those who manage people). */
  twoFactor: z.boolean().optional(),
  /** When an admin erased their data (GDPR); their name is a pseudonym since. */
  erasedAt: IsoDateTime.nullable().optional(),
  /** Whether they may sign in with a password (false: through single sign-on only). */
  passwordSignIn: z.boolean().optional(),
  /** Groups the person belongs to that the reader may see (directory only). */
  groupNames: z.array(z.object({ id: Id, name: z.string() })).optional(),
});
export type Person = z.infer<typeof Person>;

/** What the signed-in user learns about themself: their person plus their group roles. */
export const Me = Person.extend({
  groups: z.record(Id, GroupRoleSchema),
});
export type Me = z.infer<typeof Me>;

/** `GET /api/auth/session`: the signed-in person, or null. */
export const AuthSession = z.object({ user: Me.nullable() });
export type AuthSession = z.infer<typeof AuthSession>;

export const LoginRequest = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  user: Me,
  token: z.string(),
  /** Failed sign-ins to this account since its last successful one: the person is told. */
  failedSignIns: z.number().int().nonnegative(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A TOTP code (6 digits) or a recovery code (`xxxxx-xxxxx`), as typed: spaces and case do not matter. */
const TwoFactorCode = z.string().trim().min(6).max(40);

/**
 * The password was right, and a second step is needed before a session starts: a code from the
 * person's authenticator (`code`), or, where their role requires two-factor sign-in and they have
 * none yet, setting it up now (`setup`, with the secret to add to an authenticator app).
 */
export const TwoFactorChallenge = z.object({
  twoFactor: z.enum(['code', 'setup']),
  /** Names this sign-in attempt in the second step; it expires after 10 minutes or 5 wrong codes. */
  challenge: z.string(),
  setup: z
    .object({
      /** Base32, for typing into an app by hand. */
      secret: z.string(),
      /** The otpauth:// URI the QR code holds. */
      uri: z.string(),
      /** The QR code as an SVG image. */
      qrSvg: z.string(),
    })
    .optional(),
});
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallenge>;

export const SignInAnswer = z.union([LoginResponse, TwoFactorChallenge]);
export type SignInAnswer = z.infer<typeof SignInAnswer>;

export const TwoFactorStep = z.object({ challenge: z.string().min(1).max(200), code: TwoFactorCode });
export type TwoFactorStep = z.infer<typeof TwoFactorStep>;

/** A sign-in through its second step; `recoveryCodes` when two-factor sign-in was set up in it, shown this once. */
export const TwoFactorSignIn = LoginResponse.extend({ recoveryCodes: z.array(z.string()).optional() });
export type TwoFactorSignIn = z.infer<typeof TwoFactorSignIn>;

/** A person's two-factor sign-in as their account page shows it. */
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** Their role requires it (COUNCIL_TOTP_REQUIRED_ROLES): it cannot be turned off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int().nonnegative(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const TwoFactorSetup = TwoFactorChallenge.shape.setup.unwrap();
export type TwoFactorSetup = z.infer<typeof TwoFactorSetup>;

export const TwoFactorConfirm = z.object({ code: TwoFactorCode });
export const PasswordConfirm = z.object({ password: z.string().min(1).max(1000) });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const CreatePerson = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  organisation: z.string().max(200).default(''),
  title: z.string().max(200).default(''),
  competencies: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  password: z.string().min(LIMITS.passwordMinLength).max(1000),
});
export type CreatePerson = z.input<typeof CreatePerson>;

/** `cancelled` is an end state beside `approved`: a published meeting that will not be held. */
export const MEETING_STATUSES = ['draft', 'published', 'in-session', 'minutes-draft', 'approved', 'cancelled'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const Meeting = z.object({
  id: Id,
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  location: z.string(),
  status: MeetingStatus,
  decisionCount: z.number().int().nonnegative(),
  /** The meeting's numbered decisions the reader may see, in order. */
  decisions: z.array(z.object({ number: z.string(), title: z.string(), itemId: z.string() })),
  /** Why a cancelled meeting was cancelled; null for every other status. */
  cancelReason: z.string().nullable(),
});
export type Meeting = z.infer<typeof Meeting>;

/** A deleted draft, as those who may delete meetings see it to restore it. */
export const DeletedMeeting = z.object({
  id: Id,
  title: z.string(),
  startsAt: IsoDateTime,
  deletedAt: IsoDateTime,
  /** Who deleted it, from the audit log; null if that person has since been erased. */
  deletedBy: z.string().nullable(),
});
export type DeletedMeeting = z.infer<typeof DeletedMeeting>;

export const CreateMeeting = z
  .object({
    title: z.string().trim().min(1).max(200),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    location: z.string().trim().max(300).default(''),
  })
  .refine((m) => new Date(m.endsAt) > new Date(m.startsAt), {
    message: 'The meeting must end after it starts',
    params: { rule: 'ends_before_start' },
    path: ['endsAt'],
  });
export type CreateMeeting = z.input<typeof CreateMeeting>;

/** A change of a meeting's own fields; the agenda and minutes are changed through the document. */
export const UpdateMeeting = z
  .object({
    title: z.string().trim().min(1).max(200),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    location: z.string().trim().max(300),
  })
  .partial()
  .refine((m) => !m.startsAt || !m.endsAt || new Date(m.endsAt) > new Date(m.startsAt), {
    message: 'The meeting must end after it starts',
    params: { rule: 'ends_before_start' },
    path: ['endsAt'],
  });
export type UpdateMeeting = z.input<typeof UpdateMeeting>;

/** Lifecycle commands: each moves a meeting from one state to the next. */
export const MEETING_TRANSITIONS = {
  publish: { from: 'draft', to: 'published' },
  open: { from: 'published', to: 'in-session' },
  close: { from: 'in-session', to: 'minutes-draft' },
  approve: { from: 'minutes-draft', to: 'approved' },
  reopen: { from: 'approved', to: 'minutes-draft' },
  cancel: { from: 'published', to: 'cancelled' },
} as const satisfies Record<string, { from: MeetingStatus; to: MeetingStatus }>;
export type MeetingTransition = keyof typeof MEETING_TRANSITIONS;
export const MeetingTransitionName = z.enum(
  Object.keys(MEETING_TRANSITIONS) as [MeetingTransition, ...MeetingTransition[]],
);

/**
 * What a lifecycle command may need confirmed: opening a meeting before its day, approving minutes
 * without everyone's attendance recorded. The audit row records what was confirmed.
 */
export const CONFIRMATIONS = ['early', 'attendance'] as const;
export const Confirmation = z.enum(CONFIRMATIONS);
export type Confirmation = z.infer<typeof Confirmation>;

export const TransitionRequest = z.object({
  reason: z.string().trim().min(1).max(2000).optional(),
  confirm: z.array(Confirmation).max(CONFIRMATIONS.length).optional(),
});

/** Problems that stop an approval until they are mended: nothing is numbered or dropped silently. */
export const APPROVAL_PROBLEMS = [
  'decision_missing',
  'decision_invalid',
  'action_invalid',
  'item_invalid',
  'signatures_missing',
] as const;
export const ApprovalProblem = z.object({
  code: z.enum(APPROVAL_PROBLEMS),
  itemId: z.string().optional(),
  actionId: z.string().optional(),
  title: z.string(),
  reasons: z.array(z.string()),
});
export type ApprovalProblem = z.infer<typeof ApprovalProblem>;

/** What approving the minutes now would do, and what stands in its way. */
export const ApprovalCheck = z.object({
  /** Adopted decisions with the numbers they will get, in agenda order. */
  numbered: z.array(z.object({ itemId: z.string(), title: z.string(), number: z.string() })),
  /** Decisions recorded without a number. */
  unnumbered: z.array(z.object({ itemId: z.string(), title: z.string(), status: z.enum(['rejected', 'postponed']) })),
  problems: z.array(ApprovalProblem),
  attendance: z.object({ recorded: z.number().int(), expected: z.number().int() }),
  /** Confirmations the approval needs. */
  confirm: z.array(Confirmation),
});
export type ApprovalCheck = z.infer<typeof ApprovalCheck>;

/** What final approval needs of the attendees' signatures (COUNCIL_MINUTES_SIGNOFF). */
export const SIGNOFF_RULES = ['none', 'quorum', 'all'] as const;
export type SignoffRule = (typeof SIGNOFF_RULES)[number];

/** The sign-off of draft minutes: each attendee present, whether and when they signed. */
export const Signatures = z.object({
  rule: z.enum(SIGNOFF_RULES),
  /** Whether the signatures are enough for final approval under the rule. */
  satisfied: z.boolean(),
  signers: z.array(z.object({ personId: Id, name: z.string(), signedAt: IsoDateTime.nullable() })),
});
export type Signatures = z.infer<typeof Signatures>;
export const ReopenRequest = z.object({ reason: z.string().trim().min(1, 'Give a reason for reopening').max(2000) });

export const Minutes = z.object({
  meetingId: Id,
  audience: z.enum(['public', 'council']),
  version: z.number().int().positive(),
  approvedAt: IsoDateTime,
  html: z.string(),
  markdown: z.string(),
});
export type Minutes = z.infer<typeof Minutes>;

export const DECISION_RECORD_STATUSES = ['adopted', 'superseded', 'rejected', 'postponed'] as const;

/** A decision in the register, recorded on approval. Adopted decisions are numbered `YYYY-NNN`. */
export const DecisionRecord = z.object({
  id: z.number().int(),
  number: DecisionNumber.nullable(),
  title: z.string(),
  text: z.string(),
  status: z.enum(DECISION_RECORD_STATUSES),
  revised: z.boolean(),
  confidential: z.boolean(),
  meetingId: Id,
  meetingTitle: z.string(),
  itemId: Id,
  decidedOn: IsoDate,
  tags: z.array(z.string()),
  supersedes: z.array(z.string()),
  /** The vote, minuted views and conflicts of interest as approved, or null where none were recorded. */
  proceedings: ItemRecordOfVote.nullable(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** One decision with what it replaced and what replaced it. */
export const DecisionDetail = DecisionRecord.extend({
  supersededBy: z.array(z.object({ number: z.string(), title: z.string() })),
  /** Superseding decisions the reader may not see (confidential): named only by their count. */
  supersededByConfidential: z.number().int().nonnegative(),
  supersedesDecisions: z.array(z.object({ number: z.string(), title: z.string() })),
  /** Working groups set up by this decision. */
  groups: z.array(z.object({ id: Id, name: z.string() })),
  /** Action-plan initiatives that name this decision. */
  initiatives: z.array(z.object({ planId: Id, id: z.string(), title: z.string() })),
});
export type DecisionDetail = z.infer<typeof DecisionDetail>;

export const DecisionQuery = z.object({
  status: z.enum(DECISION_RECORD_STATUSES).optional(),
  tag: z.string().trim().min(1).max(80).optional(),
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  meeting: Id.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DecisionQuery = z.infer<typeof DecisionQuery>;

/**
 * The CSV exports' two shapes: `csv` (the default) is RFC 4180 with `,`, English column names and the
 * stored status values; `excel-da` is for Excel set to Danish, which splits on `;` and reads `,` as the
 * decimal mark: `;` between cells, Danish headings and status words, decimal commas. Dates stay ISO.
 */
export const CSV_FORMATS = ['csv', 'excel-da'] as const;
export const CsvFormat = z.enum(CSV_FORMATS);
export type CsvFormat = z.infer<typeof CsvFormat>;
export const CsvExportQuery = z.object({
  format: CsvFormat.default('csv').describe(
    "'csv': `,`, English headings; 'excel-da': `;`, Danish headings, status words and decimal commas",
  ),
});

export const DecisionPage = z.object({ items: z.array(DecisionRecord), nextCursor: z.string().nullable() });
export type DecisionPage = z.infer<typeof DecisionPage>;

export const SEARCH_TYPES = [
  'minutes',
  'agenda',
  'paper',
  'decision',
  'group',
  'task',
  'initiative',
  'person',
] as const;
export const SearchType = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof SearchType>;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'Write something to search for').max(200),
  type: SearchType.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SearchHit = z.object({
  type: SearchType,
  ref: z.string(),
  title: z.string(),
  /** Text around the match, with matches between \u0002 and \u0003 markers. */
  snippet: z.string(),
  url: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  hits: z.array(SearchHit),
  /**
   * Set when some words of the query matched nothing the reader may see and a near word of what
   * they may see did: `query` is the query with those words replaced, and `hits` are its hits.
   */
  correction: z
    .object({ query: z.string() })
    .nullable()
    .describe(
      'The query with misspelt words replaced by the nearest words the reader may find, when the query as typed found nothing; the hits are for it. Null otherwise.',
    ),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const GROUP_STATUSES = ['forming', 'active', 'reporting', 'concluded'] as const;
export const GroupStatus = z.enum(GROUP_STATUSES);
export const Group = z.object({
  id: Id,
  name: z.string(),
  purpose: z.string(),
  deliverables: z.string(),
  status: GroupStatus,
  visibility: z.enum(['open', 'closed']),
  startDate: IsoDate.nullable(),
  reportDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  decisionNumber: z.string().nullable(),
  members: z.array(z.object({ personId: Id, name: z.string(), role: GroupRoleSchema })),
});
export type Group = z.infer<typeof Group>;

/**
 * A group's own fields, without defaults: `.partial()` of a schema with defaults still fills them
 * in (zod 4), so a PATCH naming one field would reset the others. Creation adds the defaults.
 */
const GroupFields = z.object({
  name: z.string().trim().min(1).max(200),
  purpose: z.string().trim().max(2000),
  deliverables: z.string().trim().max(4000),
  startDate: IsoDate.nullable().optional(),
  reportDate: IsoDate.nullable().optional(),
  endDate: IsoDate.nullable().optional(),
});
export const GroupVisibility = z.enum(['open', 'closed']);
const datesInOrder = (g: { startDate?: string | null; endDate?: string | null }) =>
  !g.startDate || !g.endDate || g.endDate >= g.startDate;
/** A group reports back within its period. */
const reportInPeriod = (g: { startDate?: string | null; reportDate?: string | null; endDate?: string | null }) =>
  !g.reportDate || ((!g.startDate || g.reportDate >= g.startDate) && (!g.endDate || g.reportDate <= g.endDate));
const REPORT_IN_PERIOD = {
  message: 'The report date is outside the group’s period',
  params: { rule: 'report_outside_period' },
  path: ['reportDate'],
};

export const CreateGroup = GroupFields.extend({
  purpose: GroupFields.shape.purpose.default(''),
  deliverables: GroupFields.shape.deliverables.default(''),
  visibility: GroupVisibility.default('open'),
  leadIds: z.array(Id).min(1, 'A group needs a lead').max(5),
  decisionNumber: z
    .string()
    .regex(/^\d{4}-\d{3,}$/)
    .optional(),
})
  .refine(datesInOrder, {
    message: 'The end date is before the start date',
    params: { rule: 'ends_before_start' },
    path: ['endDate'],
  })
  .refine(reportInPeriod, REPORT_IN_PERIOD);
export type CreateGroup = z.input<typeof CreateGroup>;

/** A PATCH of a group changes only the fields it names; visibility is its own step (SetGroupVisibility). */
export const UpdateGroup = GroupFields.extend({ status: GroupStatus })
  .partial()
  .strict()
  .refine(datesInOrder, {
    message: 'The end date is before the start date',
    params: { rule: 'ends_before_start' },
    path: ['endDate'],
  })
  .refine(reportInPeriod, REPORT_IN_PERIOD);

/** Opening or closing a group to the network: audited, and applied to open connections at once. */
export const SetGroupVisibility = z.object({ visibility: GroupVisibility });

/** A call for participation says what is asked: a blank one would only confuse the network. */
export const CreateCall = z.object({
  competencies: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  note: z.string().trim().min(1).max(2000),
});
export const Volunteer = z.object({ note: z.string().trim().max(1000).default('') });

export const GroupCall = z.object({
  id: z.string(),
  groupId: Id,
  groupName: z.string(),
  competencies: z.array(z.string()),
  note: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: IsoDateTime,
  /** The reader's own answer to the call, if they volunteered. */
  mine: z.enum(['pending', 'accepted', 'declined']).nullable(),
  /** Volunteers, for those who manage the group; empty for everyone else. */
  volunteers: z.array(
    z.object({
      personId: Id,
      name: z.string(),
      organisation: z.string(),
      note: z.string(),
      status: z.enum(['pending', 'accepted', 'declined']),
    }),
  ),
});
export type GroupCall = z.infer<typeof GroupCall>;

export const UpdateProfile = z
  .object({
    name: z.string().trim().min(1).max(200),
    organisation: z.string().trim().max(200),
    title: z.string().trim().max(200),
    competencies: z.array(z.string().trim().min(1).max(80)).max(50),
    locale: Locale,
  })
  .partial();

export const SetRole = z.object({ role: RoleSchema });

const NewPassword = z.string().min(LIMITS.passwordMinLength).max(1000);

/** A person changes their own password; it ends every other session of theirs. */
export const ChangePassword = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: NewPassword,
});
export type ChangePassword = z.infer<typeof ChangePassword>;

/** An admin sets someone's password; it ends every session of theirs. */
export const ResetPassword = z.object({ password: NewPassword });

/** A one-time link from a mail (an invitation or a password reset), as the page at its address sends it. */
export const AccountLink = z.object({ token: z.string().min(1).max(200) });
export const AccountLinkInfo = z.object({
  purpose: z.enum(['invite', 'reset']),
  email: z.email(),
  name: z.string(),
  expiresAt: IsoDateTime,
});
export type AccountLinkInfo = z.infer<typeof AccountLinkInfo>;
export const SetPasswordWithLink = AccountLink.extend({ password: NewPassword });
export type SetPasswordWithLink = z.infer<typeof SetPasswordWithLink>;
export const PasswordResetRequest = z.object({ email: z.email().max(320) });

/** Password sign-in for everyone, as admins see and set it; off only while single sign-on is set up. */
export const SignInSettings = z.object({ passwordSignIn: z.boolean(), singleSignOn: z.boolean() });
export type SignInSettings = z.infer<typeof SignInSettings>;
export const SetPasswordSignIn = z.object({ allowed: z.boolean() });

/** An admin invites someone by mail: they set their own password through the invitation's link. */
export const InvitePerson = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  organisation: z.string().max(200).default(''),
  title: z.string().max(200).default(''),
});
export type InvitePerson = z.input<typeof InvitePerson>;
/** The invitation: its link too when no mail server is set (COUNCIL_SMTP_URL), for the admin to pass on. */
export const Invitation = z.object({
  person: Person,
  expiresAt: IsoDateTime,
  link: z.string().nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

/** One of the signed-in person's sessions (a browser or device where they are signed in). */
export const SessionInfo = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** The browser as it named itself at sign-in, cut to 300 characters. */
  userAgent: z.string(),
  ip: z.string(),
  /** The session this request came from. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PeopleQuery = z.object({
  competence: z.string().trim().max(80).optional(),
  organisation: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
});

export const Plan = z.object({
  id: Id,
  title: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  initiativeCount: z.number().int().nonnegative(),
});
export type Plan = z.infer<typeof Plan>;

/**
 * Rules a request can break beyond its fields' own checks, named in a validation issue's
 * `params.rule`, so that clients can say what is wrong in the person's language.
 */
export const VALIDATION_RULES = [
  'ends_before_start',
  'report_outside_period',
  'unknown_reference',
  'not_a_member',
  'reason_required',
  'not_present',
  'already_signed',
  'not_signed',
  'absent_voter',
  'conflict_of_interest',
  'too_many_votes',
  'no_votes',
  'not_a_decision',
  'not_council',
  'already_declared',
  'has_voted',
  'not_recorded',
  'deadline_past',
  'cannot_review',
  'already_reviewed',
  'no_reviewers',
  // A meeting paper refused for what its bytes are (papers.ts).
  'empty_file',
  'unsupported_type',
  'type_mismatch',
  'truncated_pdf',
  'encrypted_pdf',
  'unsafe_archive',
  'file_too_large',
  'meeting_papers_full',
  // A new password refused by the password policy (domains/auth/passwordPolicy.ts).
  'common_password',
  'password_contains_name',
  // A two-factor code that is not right now.
  'wrong_code',
  // An address someone in Council has already.
  'email_taken',
] as const;
export type ValidationRule = (typeof VALIDATION_RULES)[number];

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  /** Approval refused: `issues` lists each ApprovalProblem. */
  'approval_blocked',
  /** The command needs a confirmation: `issues` lists what to confirm ({ code: Confirmation }). */
  'confirmation_required',
  'payload_too_large',
  'rate_limited',
  /** The current password given to change it was wrong. */
  'wrong_password',
  /** The right password for an account an admin has deactivated. */
  'account_deactivated',
  /** The right password, where password sign-in is off for the person or for everyone. */
  'password_sign_in_off',
  /** A one-time link (invitation, password reset) that is expired or used already; 410. */
  'link_expired',
  /** An Idempotency-Key used before for another request: a new attempt needs a new key. */
  'idempotency_key_reused',
  'internal',
] as const;
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An agenda item added over REST (scripts, integrations); the server picks the id. */
export const NewAgendaItem = AgendaItem.omit({ id: true, removedAt: true, removedBy: true }).extend({
  title: z.string().trim().min(1).max(TEXT_LIMITS.agendaTitle),
  confidential: z.boolean().default(false),
  durationMinutes: z.number().int().min(0).max(600).default(15),
});
export type NewAgendaItem = z.input<typeof NewAgendaItem>;

/** A task created over REST; the assignee must be a member of the group. */
export const NewTask = z.object({
  title: z.string().trim().min(1).max(TEXT_LIMITS.taskTitle),
  status: TaskStatus.default('todo'),
  assigneeId: Id.optional(),
  due: IsoDate.optional(),
  description: z.string().max(TEXT_LIMITS.taskDescription).optional(),
});
export type NewTask = z.input<typeof NewTask>;

/** A task as the read model projects it from `group:<id>`. */
export const Task = z.object({
  id: z.string(),
  groupId: Id,
  groupName: z.string(),
  title: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  due: z.string().nullable(),
  order: z.string(),
  /** Set when the live document holds something invalid (unknown assignee, a due date that is no date). */
  needsAttention: z.boolean(),
});
export type Task = z.infer<typeof Task>;

export const TaskQuery = z.object({
  assignee: z.union([z.literal('me'), Id]).optional(),
  status: TaskStatus.optional(),
  group: Id.optional(),
});

/** A measurement posted by a script or integration; every field is checked before anything is written. */
export const NewMeasurement = z.object({
  date: IsoDate,
  value: z.number().finite(),
});

export const CreatePlan = z
  .object({ title: z.string().trim().min(1).max(200), periodStart: IsoDate, periodEnd: IsoDate })
  .refine((p) => p.periodEnd > p.periodStart, {
    message: 'The period ends before it starts',
    params: { rule: 'ends_before_start' },
    path: ['periodEnd'],
  });

/** A change of an initiative over REST; checked whole before the live document is touched. */
export const UpdateInitiative = z
  .object({
    title: Initiative.shape.title,
    theme: z.string().trim().max(TEXT_LIMITS.initiativeTheme),
    status: InitiativeStatus,
    ownerGroupId: Id.nullable(),
    startDate: IsoDate.nullable(),
    endDate: IsoDate.nullable(),
    decisionNumbers: z.array(DecisionNumber).max(50),
  })
  .partial();

/** Something an earlier meeting or a working group leaves for the next agenda (carry-over). */
export const Followup = z.object({
  meetingId: Id,
  meetingTitle: z.string(),
  kind: z.enum(['postponed', 'action', 'report']),
  refId: z.string(),
  title: z.string(),
  assigneeId: z.string().nullable(),
  due: z.string().nullable(),
  groupId: z.string().nullable(),
});
export type Followup = z.infer<typeof Followup>;

/** An action point from approved minutes that went to no working group: the council's own to follow. */
export const CouncilAction = z.object({
  meetingId: Id,
  meetingTitle: z.string(),
  refId: z.string(),
  title: z.string(),
  assigneeId: z.string().nullable(),
  due: z.string().nullable(),
  /** When it was marked done, and by whom; null while open. */
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type CouncilAction = z.infer<typeof CouncilAction>;

export const CouncilActionQuery = z.object({
  status: z.enum(['open', 'done']).optional(),
  assignee: z.union([z.literal('me'), Id]).optional(),
});

export const SetActionDone = z.object({ done: z.boolean() });

/** The audit log's areas: the first part of each action (`meeting.open`, `action.done`, …). */
export const AUDIT_AREAS = [
  'meeting',
  'group',
  'person',
  'plan',
  'action',
  'auth',
  'template',
  'series',
  'proposal',
] as const;

export const AuditQuery = z.object({
  area: z.enum(AUDIT_AREAS).optional(),
  /** One resource's trail, e.g. `meeting:m-1`. */
  resource: z
    .string()
    .regex(/^[a-z]+:[A-Za-z0-9_-]{1,64}$/, 'A resource is written type:id')
    .optional(),
  /** Entries older than this id: the next page. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

/** What the next step with a meeting is, for those who may take it. */
export const MEETING_STEPS = ['publish', 'open', 'close', 'approve'] as const;
export type MeetingStep = (typeof MEETING_STEPS)[number];

/** The home page: what needs this person now, composed from read models for them alone. */
export const Home = z.object({
  /** The person's previous visit: decisions adopted since then are listed (null: the last 30 days). */
  since: IsoDateTime.nullable(),
  /** The next meeting the person may see that has not ended, with the agenda items they present. */
  nextMeeting: z
    .object({ meeting: Meeting, presenting: z.array(z.object({ itemId: z.string(), title: z.string() })) })
    .nullable(),
  /** Open tasks and council action points of theirs that are overdue or due within 7 days. */
  tasks: z.array(Task),
  actions: z.array(CouncilAction),
  /** Meetings whose next step this person may take: an agenda to publish, minutes to approve, … */
  nextSteps: z.array(z.object({ meeting: Meeting, step: z.enum(MEETING_STEPS) })),
  /** Volunteers waiting for an answer in groups this person leads. */
  volunteers: z.array(
    z.object({
      callId: z.string(),
      groupId: Id,
      groupName: z.string(),
      personId: Id,
      name: z.string(),
      organisation: z.string(),
    }),
  ),
  /** Open calls in groups this person is not in, asking for a competency they have. */
  calls: z.array(GroupCall),
  /** Decisions adopted since `since`, newest first, as far as the person may see them. */
  decisions: z.array(z.object({ number: z.string(), title: z.string(), decidedOn: IsoDate, meetingId: Id })),
  /** Which blocks concern this person at all (the rest are not shown, not even empty). */
  blocks: z.object({ nextSteps: z.boolean(), volunteers: z.boolean(), calls: z.boolean(), work: z.boolean() }),
});
export type Home = z.infer<typeof Home>;

/** What every page, signed in or not, needs to know of this installation. */
export const Site = z.object({
  /** The operator's accessibility statement; null: the built-in page at /accessibility. */
  accessibilityStatementUrl: z.string().nullable(),
  /** Where to report accessibility problems, as the operator wrote it (an address or a URL). */
  accessibilityContact: z.string().nullable(),
});
export type Site = z.infer<typeof Site>;

/**
 * A person's own calendar subscription. The link's secret is stored hashed, so `url` is in the
 * answer that makes a link and nowhere else; a new link revokes the old one.
 */
export const CalendarFeed = z.object({
  active: z.boolean(),
  createdAt: IsoDateTime.nullable(),
  url: z.string().optional(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
