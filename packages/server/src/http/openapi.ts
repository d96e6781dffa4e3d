import {
  ApprovalCheck,
  AuditPage,
  AuditQuery,
  ChangePassword,
  CouncilAction,
  CouncilActionQuery,
  CreateCall,
  CreateGroup,
  CreateMeeting,
  CreatePerson,
  CreatePlan,
  CsvExportQuery,
  DecisionDetail,
  DecisionPage,
  DecisionQuery,
  ErrorBody,
  Followup,
  Group,
  GroupCall,
  LoginRequest,
  LoginResponse,
  Me,
  Meeting,
  Minutes,
  NewAgendaItem,
  NewMeasurement,
  NewTask,
  Person,
  Plan,
  ResetPassword,
  SearchHit,
  SearchQuery,
  SessionInfo,
  SetActionDone,
  SetGroupVisibility,
  SetRole,
  Task,
  TaskQuery,
  TransitionRequest,
  UpdateGroup,
  UpdateInitiative,
  UpdateMeeting,
  UpdateProfile,
  Volunteer,
} from '@council/shared';
import { z } from 'zod';

const SessionsEnded = z.object({ sessionsEnded: z.number().int().nonnegative() });

type Method = 'get' | 'post' | 'patch' | 'delete';
interface Operation {
  method: Method;
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  status?: number;
}

/** Every route of /api with the shared zod schemas it validates against; the OpenAPI document is built from this. */
const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness; the counts for admins only',
    response: z.object({ ok: z.literal(true), documents: z.number().optional(), connections: z.number().optional() }),
  },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in', body: LoginRequest, response: LoginResponse },
  { method: 'post', path: '/api/auth/logout', summary: 'Sign out', status: 204 },
  { method: 'get', path: '/api/me', summary: 'The signed-in person', response: Me },
  { method: 'patch', path: '/api/me/profile', summary: 'Edit own profile', body: UpdateProfile, response: Me },
  {
    method: 'post',
    path: '/api/me/password',
    summary: 'Change own password; ends every other session',
    body: ChangePassword,
    response: SessionsEnded,
  },
  { method: 'get', path: '/api/me/sessions', summary: 'Own sessions', response: z.array(SessionInfo) },
  { method: 'delete', path: '/api/me/sessions', summary: 'Sign out everywhere else', response: SessionsEnded },
  { method: 'delete', path: '/api/me/sessions/{id}', summary: 'End one own session', status: 204 },
  {
    method: 'get',
    path: '/api/people',
    summary: 'The network directory (deactivated people for admins only)',
    response: z.array(Person),
  },
  {
    method: 'post',
    path: '/api/people/{id}/password',
    summary: "Set a person's password (admin, audited); ends all their sessions",
    body: ResetPassword,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/people/{id}/deactivate',
    summary: 'Deactivate a person (admin, audited); ends all their sessions',
    response: Person,
  },
  {
    method: 'post',
    path: '/api/people/{id}/reactivate',
    summary: 'Reactivate a person (admin, audited)',
    response: Person,
  },
  {
    method: 'post',
    path: '/api/people',
    summary: 'Invite a person (admin)',
    body: CreatePerson,
    response: Person,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/people/{id}/role',
    summary: 'Set a role (admin, audited)',
    body: SetRole,
    response: Person,
  },
  { method: 'get', path: '/api/meetings', summary: 'Meetings the reader may see', response: z.array(Meeting) },
  {
    method: 'post',
    path: '/api/meetings',
    summary: 'Create a meeting',
    body: CreateMeeting,
    response: Meeting,
    status: 201,
  },
  { method: 'get', path: '/api/meetings/{id}', summary: 'One meeting', response: Meeting },
  {
    method: 'patch',
    path: '/api/meetings/{id}',
    summary: "Change a meeting's fields",
    body: UpdateMeeting,
    response: Meeting,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/agenda',
    summary: 'Add an agenda item',
    body: NewAgendaItem,
    status: 201,
  },
  ...(['publish', 'open', 'close', 'approve', 'reopen'] as const).map((name) => ({
    method: 'post' as const,
    path: `/api/meetings/{id}/${name}`,
    summary: `Lifecycle: ${name}`,
    body: TransitionRequest,
    response: Meeting,
  })),
  {
    method: 'get',
    path: '/api/meetings/{id}/approval',
    summary: 'What approving the minutes now would number, and what stands in its way',
    response: ApprovalCheck,
  },
  { method: 'get', path: '/api/meetings/{id}/minutes', summary: 'Approved minutes', response: Minutes },
  { method: 'get', path: '/api/meetings/{id}/minutes.md', summary: 'Approved minutes as Markdown' },
  {
    method: 'get',
    path: '/api/meetings/{id}/carry-over',
    summary: 'Suggestions for the agenda',
    response: z.array(Followup),
  },
  { method: 'get', path: '/api/meetings/{id}/calendar.ics', summary: 'iCalendar event' },
  { method: 'get', path: '/api/meetings.ics', summary: 'iCalendar of visible meetings' },
  {
    method: 'get',
    path: '/api/decisions',
    summary: 'The decision register',
    query: DecisionQuery,
    response: DecisionPage,
  },
  {
    method: 'get',
    path: '/api/decisions/years',
    summary: 'Decisions per year',
    response: z.array(z.object({ year: z.number(), count: z.number() })),
  },
  { method: 'get', path: '/api/decisions.json', summary: 'The register as JSON (open data)' },
  {
    method: 'get',
    path: '/api/decisions.csv',
    summary: 'The register as CSV (open data); `format=excel-da` for Danish Excel',
    query: CsvExportQuery,
  },
  { method: 'get', path: '/api/decisions/{number}', summary: 'One decision', response: DecisionDetail },
  {
    method: 'get',
    path: '/api/search',
    summary: 'Search everything visible',
    query: SearchQuery,
    response: z.array(SearchHit),
  },
  { method: 'get', path: '/api/groups', summary: 'Visible working groups', response: z.array(Group) },
  {
    method: 'post',
    path: '/api/groups',
    summary: 'Create a working group',
    body: CreateGroup,
    response: Group,
    status: 201,
  },
  { method: 'get', path: '/api/groups/{id}', summary: 'One working group', response: Group },
  {
    method: 'patch',
    path: '/api/groups/{id}',
    summary: 'Change the fields a working group names (not its visibility)',
    body: UpdateGroup,
    response: Group,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/visibility',
    summary: 'Open or close a working group to the network (audited, applied to open connections)',
    body: SetGroupVisibility,
    response: Group,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/tasks',
    summary: 'Add a task to the live board',
    body: NewTask,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/groups/{id}/calls',
    summary: 'Open a call for participation',
    body: CreateCall,
    response: GroupCall,
    status: 201,
  },
  { method: 'get', path: '/api/calls', summary: 'Calls for participation', response: z.array(GroupCall) },
  { method: 'post', path: '/api/calls/{id}/volunteer', summary: 'Volunteer', body: Volunteer, status: 201 },
  { method: 'post', path: '/api/calls/{id}/volunteers/{personId}/accept', summary: 'Accept a volunteer', status: 204 },
  {
    method: 'post',
    path: '/api/calls/{id}/volunteers/{personId}/decline',
    summary: 'Decline a volunteer',
    status: 204,
  },
  { method: 'post', path: '/api/calls/{id}/close', summary: 'Close a call', status: 204 },
  {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks (My tasks with assignee=me)',
    query: TaskQuery,
    response: z.array(Task),
  },
  {
    method: 'get',
    path: '/api/actions',
    summary: "The council's action list (assignee=me for one's own)",
    query: CouncilActionQuery,
    response: z.array(CouncilAction),
  },
  {
    method: 'patch',
    path: '/api/actions/{meetingId}/{refId}',
    summary: 'Mark a council action point done, or open again',
    body: SetActionDone,
    response: CouncilAction,
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'The audit log, newest first (chair, secretary, admin)',
    query: AuditQuery,
    response: AuditPage,
  },
  { method: 'get', path: '/api/plans', summary: 'Action plans', response: z.array(Plan) },
  { method: 'post', path: '/api/plans', summary: 'Create an action plan', body: CreatePlan, status: 201 },
  { method: 'get', path: '/api/plans/{id}', summary: 'One action plan', response: Plan },
  {
    method: 'get',
    path: '/api/plans/{id}/export.csv',
    summary: 'The plan as CSV; `format=excel-da` for Danish Excel',
    query: CsvExportQuery,
  },
  {
    method: 'patch',
    path: '/api/plans/{id}/initiatives/{initiativeId}',
    summary: 'Change an initiative',
    body: UpdateInitiative,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/plans/{id}/initiatives/{initiativeId}/indicators/{indicatorId}/measurements',
    summary: 'Add a measurement',
    body: NewMeasurement,
    response: NewMeasurement,
    status: 201,
  },
];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const ERRORS = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Wrong state',
} as const;

/** OpenAPI 3.1, built once from OPERATIONS and the shared schemas. */
export function openApiDocument(): object {
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
      summary: op.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
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
    },
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
