import type {
  AccountLinkInfo,
  AgendaProposal,
  AgendaProposals,
  ApprovalCheck,
  AuditPage,
  AuthProviders,
  AuthSession,
  CalendarFeed,
  Confirmation,
  CouncilAction,
  CreateGroup,
  CreateMeeting,
  CreatePerson,
  CreateSeries,
  CreateTemplate,
  CurrentReview,
  DecisionDetail,
  DecisionPage,
  DeletedMeeting,
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
  MeetingTransition,
  Minutes,
  NewProposal,
  NotificationList,
  NotificationPreferences,
  OutgoingMail,
  Paper,
  Person,
  Plan,
  Proceedings,
  ProviderLogout,
  RequestReview,
  Role,
  RsvpInput,
  Rsvps,
  SearchResult,
  SessionInfo,
  Signatures,
  SignInAnswer,
  SignInSettings,
  Site,
  Task,
  TemplateFromMeeting,
  TwoFactorSetup,
  TwoFactorSignIn,
  TwoFactorStatus,
  UpdateMeeting,
  UpdateNotificationPreferences,
  UpdatePaper,
  UpdateTemplate,
} from '@council/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorBody['error']['code'] | 'network',
    message: string,
    /** What the server listed: validation issues, approval problems, confirmations needed. */
    readonly issues: unknown[] = [],
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        // Creating requests carry one key per attempt: a repeat returns the first result (useCreate).
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? response.statusText,
      error?.issues,
    );
  }
  return data as T;
}

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Typed access to the REST API; the shapes are the shared zod types. */
export const api = {
  login: (body: LoginRequest) => request<SignInAnswer>('POST', '/auth/login', body),
  loginSecondStep: (body: { challenge: string; code: string }) =>
    request<TwoFactorSignIn>('POST', '/auth/login/two-factor', body),
  requestPasswordReset: (email: string) => request<object>('POST', '/auth/password-reset', { email }),
  accountLink: (token: string) => request<AccountLinkInfo>('POST', '/auth/link', { token }),
  setPasswordWithLink: (token: string, password: string) =>
    request<void>('POST', '/auth/link/password', { token, password }),
  twoFactor: () => request<TwoFactorStatus>('GET', '/me/two-factor'),
  beginTwoFactor: () => request<TwoFactorSetup>('POST', '/me/two-factor'),
  confirmTwoFactor: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/me/two-factor/confirm', { code }),
  disableTwoFactor: (password: string) => request<void>('DELETE', '/me/two-factor', { password }),
  newRecoveryCodes: (password: string) =>
    request<{ recoveryCodes: string[] }>('POST', '/me/two-factor/recovery-codes', { password }),
  /** With a session a provider started, where to go on to sign out there too (RP-initiated logout). */
  logout: () => request<ProviderLogout | undefined>('POST', '/auth/logout'),
  authProviders: () => request<AuthProviders>('GET', '/auth/providers'),
  me: () => request<Me>('GET', '/me'),
  notifications: () => request<NotificationList>('GET', '/notifications'),
  markNotificationRead: (id: number) => request<void>('POST', `/notifications/${id}/read`),
  markAllNotificationsRead: () => request<{ marked: number }>('POST', '/notifications/read-all'),
  notificationPreferences: () => request<NotificationPreferences>('GET', '/me/notification-preferences'),
  updateNotificationPreferences: (body: UpdateNotificationPreferences) =>
    request<NotificationPreferences>('PATCH', '/me/notification-preferences', body),
  outgoingMail: () => request<OutgoingMail>('GET', '/admin/mail'),
  session: () => request<AuthSession>('GET', '/auth/session'),
  site: () => request<Site>('GET', '/site'),
  home: () => request<Home>('GET', '/home'),
  homeVisit: () => request<void>('POST', '/home/visit'),
  meetings: () => request<Meeting[]>('GET', '/meetings'),
  meeting: (id: string) => request<Meeting>('GET', `/meetings/${encodeURIComponent(id)}`),
  createMeeting: (body: CreateMeeting, key?: string) => request<Meeting>('POST', '/meetings', body, key),
  updateMeeting: (id: string, body: UpdateMeeting) =>
    request<Meeting>('PATCH', `/meetings/${encodeURIComponent(id)}`, body),
  deleteMeeting: (id: string) => request<void>('DELETE', `/meetings/${encodeURIComponent(id)}`),
  deletedMeetings: () => request<DeletedMeeting[]>('GET', '/meetings/deleted'),
  signatures: (id: string) => request<Signatures>('GET', `/meetings/${encodeURIComponent(id)}/signatures`),
  sign: (id: string) => request<Signatures>('POST', `/meetings/${encodeURIComponent(id)}/signatures`),
  withdrawSignature: (id: string) => request<Signatures>('DELETE', `/meetings/${encodeURIComponent(id)}/signatures`),
  proposals: () => request<AgendaProposals>('GET', '/agenda-proposals'),
  propose: (body: NewProposal, key?: string) => request<AgendaProposal>('POST', '/agenda-proposals', body, key),
  scheduleProposal: (id: string, meetingId: string) =>
    request<AgendaProposal>('POST', `/agenda-proposals/${encodeURIComponent(id)}/schedule`, { meetingId }),
  declineProposal: (id: string, reason: string) =>
    request<AgendaProposal>('POST', `/agenda-proposals/${encodeURIComponent(id)}/decline`, { reason }),
  withdrawProposal: (id: string) =>
    request<AgendaProposal>('POST', `/agenda-proposals/${encodeURIComponent(id)}/withdraw`),
  papers: (meetingId: string) => request<MeetingPapers>('GET', `/meetings/${encodeURIComponent(meetingId)}/papers`),
  updatePaper: (id: string, body: UpdatePaper) => request<Paper>('PATCH', `/papers/${encodeURIComponent(id)}`, body),
  removePaper: (id: string) => request<Paper>('DELETE', `/papers/${encodeURIComponent(id)}`),
  restorePaper: (id: string) => request<Paper>('POST', `/papers/${encodeURIComponent(id)}/restore`),
  rsvps: (id: string) => request<Rsvps>('GET', `/meetings/${encodeURIComponent(id)}/rsvps`),
  rsvp: (id: string, body: RsvpInput) => request<Rsvps>('POST', `/meetings/${encodeURIComponent(id)}/rsvp`, body),
  review: (id: string) => request<CurrentReview>('GET', `/meetings/${encodeURIComponent(id)}/review`),
  requestReview: (id: string, body: RequestReview) =>
    request<CurrentReview>('POST', `/meetings/${encodeURIComponent(id)}/review`, body),
  markReviewed: (id: string) => request<CurrentReview>('POST', `/meetings/${encodeURIComponent(id)}/review/done`),
  proceedings: (id: string) => request<Proceedings>('GET', `/meetings/${encodeURIComponent(id)}/proceedings`),
  /** The vote, the minuted view or the conflict of interest of one agenda item (`part`), recorded or taken back. */
  recordOnItem: (id: string, itemId: string, part: 'vote' | 'dissent' | 'conflicts', body: unknown) =>
    request<Proceedings>(
      part === 'conflicts' ? 'POST' : 'PUT',
      `/meetings/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/${part}`,
      body,
    ),
  removeFromItem: (id: string, itemId: string, part: 'vote' | 'dissent' | 'conflicts', personId?: string) =>
    request<Proceedings>(
      'DELETE',
      `/meetings/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/${part}${personId ? `?personId=${encodeURIComponent(personId)}` : ''}`,
    ),
  restoreMeeting: (id: string) => request<Meeting>('POST', `/meetings/${encodeURIComponent(id)}/restore`),
  transition: (id: string, transition: MeetingTransition, body: { reason?: string; confirm?: Confirmation[] } = {}) =>
    request<Meeting>('POST', `/meetings/${encodeURIComponent(id)}/${transition}`, body),
  approvalCheck: (id: string) => request<ApprovalCheck>('GET', `/meetings/${encodeURIComponent(id)}/approval`),
  carryOver: (id: string) => request<Followup[]>('GET', `/meetings/${encodeURIComponent(id)}/carry-over`),
  minutes: (id: string) => request<Minutes>('GET', `/meetings/${encodeURIComponent(id)}/minutes`),
  decisions: (query: Record<string, string | number | undefined> = {}) =>
    request<DecisionPage>('GET', `/decisions${queryString(query)}`),
  decision: (number: string) => request<DecisionDetail>('GET', `/decisions/${encodeURIComponent(number)}`),
  decisionYears: () => request<{ year: number; count: number }[]>('GET', '/decisions/years'),
  search: (query: { q: string; type?: string }) => request<SearchResult>('GET', `/search${queryString(query)}`),
  groups: () => request<Group[]>('GET', '/groups'),
  group: (id: string) => request<Group>('GET', `/groups/${encodeURIComponent(id)}`),
  createGroup: (body: CreateGroup, key?: string) => request<Group>('POST', '/groups', body, key),
  updateGroup: (
    id: string,
    body: Partial<Pick<Group, 'status' | 'startDate' | 'reportDate' | 'endDate' | 'purpose' | 'deliverables'>>,
  ) => request<Group>('PATCH', `/groups/${encodeURIComponent(id)}`, body),
  setGroupVisibility: (id: string, visibility: Group['visibility']) =>
    request<Group>('POST', `/groups/${encodeURIComponent(id)}/visibility`, { visibility }),
  calls: (query: { group?: string; status?: 'open' | 'closed' } = {}) =>
    request<GroupCall[]>('GET', `/calls${queryString(query)}`),
  createCall: (groupId: string, body: { competencies: string[]; note: string }, key?: string) =>
    request<GroupCall>('POST', `/groups/${encodeURIComponent(groupId)}/calls`, body, key),
  volunteer: (callId: string, note: string, key?: string) =>
    request<void>('POST', `/calls/${encodeURIComponent(callId)}/volunteer`, { note }, key),
  decideVolunteer: (callId: string, personId: string, decision: 'accept' | 'decline') =>
    request<void>(
      'POST',
      `/calls/${encodeURIComponent(callId)}/volunteers/${encodeURIComponent(personId)}/${decision}`,
      {},
    ),
  closeCall: (callId: string) => request<void>('POST', `/calls/${encodeURIComponent(callId)}/close`, {}),
  updateProfile: (body: Partial<Pick<Me, 'name' | 'organisation' | 'title' | 'competencies' | 'locale'>>) =>
    request<Me>('PATCH', '/me/profile', body),
  setRole: (personId: string, role: Role) =>
    request<Person>('PATCH', `/people/${encodeURIComponent(personId)}/role`, { role }),
  createPerson: (body: CreatePerson, key?: string) => request<Person>('POST', '/people', body, key),
  invitePerson: (body: InvitePerson, key?: string) => request<Invitation>('POST', '/people/invitations', body, key),
  reinvitePerson: (personId: string) =>
    request<Invitation>('POST', `/people/${encodeURIComponent(personId)}/invitation`, {}),
  erasePerson: (personId: string) =>
    request<{ pseudonym: string }>('POST', `/people/${encodeURIComponent(personId)}/erase`, {}),
  signInSettings: () => request<SignInSettings>('GET', '/admin/sign-in'),
  setPasswordSignInForAll: (allowed: boolean) => request<SignInSettings>('PUT', '/admin/sign-in', { allowed }),
  setPasswordSignIn: (personId: string, allowed: boolean) =>
    request<Person>('PUT', `/people/${encodeURIComponent(personId)}/password-sign-in`, { allowed }),
  resetTwoFactor: (personId: string) =>
    request<void>('POST', `/people/${encodeURIComponent(personId)}/two-factor/reset`, {}),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request<{ sessionsEnded: number }>('POST', '/me/password', body),
  sessions: () => request<SessionInfo[]>('GET', '/me/sessions'),
  endSession: (id: string) => request<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => request<{ sessionsEnded: number }>('DELETE', '/me/sessions'),
  calendarFeed: () => request<CalendarFeed>('GET', '/me/calendar'),
  createCalendarFeed: () => request<CalendarFeed>('POST', '/me/calendar'),
  revokeCalendarFeed: () => request<void>('DELETE', '/me/calendar'),
  resetPassword: (personId: string, password: string) =>
    request<void>('POST', `/people/${encodeURIComponent(personId)}/password`, { password }),
  setActive: (personId: string, active: boolean) =>
    request<Person>('POST', `/people/${encodeURIComponent(personId)}/${active ? 'reactivate' : 'deactivate'}`, {}),
  audit: (query: { area?: string; before?: number }) => request<AuditPage>('GET', `/audit${queryString(query)}`),
  councilActions: (query: { status?: 'open' | 'done'; assignee?: 'me' }) =>
    request<CouncilAction[]>('GET', `/actions${queryString(query)}`),
  setActionDone: (meetingId: string, refId: string, done: boolean) =>
    request<CouncilAction>('PATCH', `/actions/${encodeURIComponent(meetingId)}/${encodeURIComponent(refId)}`, {
      done,
    }),
  tasks: (query: { assignee?: string; status?: string; group?: string }) =>
    request<Task[]>('GET', `/tasks${queryString(query)}`),
  plans: () => request<Plan[]>('GET', '/plans'),
  createPlan: (body: { title: string; periodStart: string; periodEnd: string }, key?: string) =>
    request<{ id: string }>('POST', '/plans', body, key),
  addMeasurement: (
    planId: string,
    initiativeId: string,
    indicatorId: string,
    body: { date: string; value: number },
    key?: string,
  ) =>
    request<{ date: string; value: number }>(
      'POST',
      `/plans/${encodeURIComponent(planId)}/initiatives/${encodeURIComponent(initiativeId)}/indicators/${encodeURIComponent(indicatorId)}/measurements`,
      body,
      key,
    ),
  people: (query: { competence?: string; organisation?: string; q?: string } = {}) =>
    request<Person[]>('GET', `/people${queryString(query)}`),
  templates: () => request<MeetingTemplate[]>('GET', '/meeting-templates'),
  createTemplate: (body: CreateTemplate, key?: string) =>
    request<MeetingTemplate>('POST', '/meeting-templates', body, key),
  templateFromMeeting: (body: TemplateFromMeeting, key?: string) =>
    request<MeetingTemplate>('POST', '/meeting-templates/from-meeting', body, key),
  updateTemplate: (id: string, body: UpdateTemplate) =>
    request<MeetingTemplate>('PATCH', `/meeting-templates/${encodeURIComponent(id)}`, body),
  deleteTemplate: (id: string) => request<void>('DELETE', `/meeting-templates/${encodeURIComponent(id)}`),
  createMeetingFromTemplate: (templateId: string, body: CreateMeeting, key?: string) =>
    request<Meeting>('POST', `/meeting-templates/${encodeURIComponent(templateId)}/meetings`, body, key),
  series: () => request<MeetingSeries[]>('GET', '/meeting-series'),
  createSeries: (body: CreateSeries, key?: string) => request<MeetingSeries>('POST', '/meeting-series', body, key),
  stopSeries: (id: string) => request<void>('DELETE', `/meeting-series/${encodeURIComponent(id)}`),
};
