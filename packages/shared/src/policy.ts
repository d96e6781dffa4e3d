import { ATTENDEE_ROLES, COUNCIL_ROLES, type GroupRole, type Role } from './roles.ts';
import type { MeetingStatus } from './schemas.ts';

/**
 * The one table of who may do what. REST routes, the collaboration server's onAuthenticate and the
 * web app all ask `can(actor, action, resource)`; nothing else decides access.
 */
export interface Actor {
  id: string;
  role: Role;
  /** Group id → the actor's role in that group. */
  groups: Record<string, GroupRole>;
}

export type Resource =
  /** `reviewerIds`: those asked to review what the meeting's state has under review (reviews.ts). */
  | { type: 'meeting'; status: MeetingStatus; reviewerIds?: readonly string[] }
  | { type: 'meetingClosed'; status: MeetingStatus }
  | { type: 'meetings' }
  | { type: 'group'; id: string; visibility: 'open' | 'closed' }
  | { type: 'groups' }
  | { type: 'plan'; ownerGroupIds?: string[] }
  | { type: 'plans' }
  | { type: 'decisions' }
  | { type: 'councilActions' }
  | { type: 'councilAction'; assigneeId: string | null }
  | { type: 'people' }
  | { type: 'person'; id: string }
  | { type: 'audit' }
  /** One person's notifications and their mail preferences. */
  | { type: 'notifications'; ownerId: string }
  /** The mail Council has sent or keeps (without a mail server), for admins to read. */
  | { type: 'outgoingMail' }
  /** The running server's load: documents and connections open. */
  | { type: 'server' }
  /** Meeting templates: the standard items of a kind of meeting. */
  | { type: 'meetingTemplates' }
  /** Meeting series: meetings at a cadence, made ahead from a template. */
  | { type: 'meetingSeries' }
  /** The agenda backlog; a proposal is its proposer's to withdraw. */
  | { type: 'agendaProposals' }
  | { type: 'agendaProposal'; proposedBy: string }
  /** The papers (bilag) of one agenda item: as visible as the item's notes, frozen with the minutes. */
  | { type: 'papers'; status: MeetingStatus; confidential: boolean; reviewerIds?: readonly string[] };

export type Action =
  | 'read'
  | 'edit'
  | 'create'
  | 'publish'
  | 'open'
  | 'close'
  | 'approve'
  | 'reopen'
  | 'cancel'
  | 'delete'
  | 'manage'
  | 'addMeasurement'
  | 'complete'
  | 'sign'
  | 'vote'
  | 'dissent'
  | 'declare'
  | 'requestReview'
  | 'review'
  | 'rsvp';

type Rule<R> = (actor: Actor, resource: R) => boolean;
type RulesFor<T extends Resource['type']> = Partial<Record<Action, Rule<Extract<Resource, { type: T }>>>>;

const isCouncil = (a: Actor) => COUNCIL_ROLES.includes(a.role);
const isAnyOf =
  (...roles: Role[]) =>
  (a: Actor) =>
    roles.includes(a.role);
const signedIn = () => true;
const chairOrSecretary = isAnyOf('admin', 'chair', 'secretary');

/** Which states a meeting document may still be written in. */
const EDITABLE_MEETING: readonly MeetingStatus[] = ['draft', 'published', 'in-session', 'minutes-draft'];
/** When votes are taken and views minuted: in the meeting, and in its draft minutes. */
const VOTING: readonly MeetingStatus[] = ['in-session', 'minutes-draft'];
const isAttendee = (a: Actor) => ATTENDEE_ROLES.includes(a.role);
/** A draft agenda and draft minutes can be sent for review. */
const REVIEWABLE: readonly MeetingStatus[] = ['draft', 'minutes-draft'];
const isReviewer = (a: Actor, m: { reviewerIds?: readonly string[] }) => m.reviewerIds?.includes(a.id) ?? false;

/** A draft agenda is the council's working paper; the network sees it once published. */
const readsMeeting = (a: Actor, m: { status: MeetingStatus; reviewerIds?: readonly string[] }) =>
  m.status !== 'draft' || isCouncil(a) || isReviewer(a, m);

const TABLE: { [T in Resource['type']]: RulesFor<T> } = {
  meetings: { read: signedIn, create: chairOrSecretary },
  meeting: {
    read: readsMeeting,
    edit: (a, m) => isCouncil(a) && EDITABLE_MEETING.includes(m.status),
    publish: (a, m) => chairOrSecretary(a) && m.status === 'draft',
    open: (a, m) => chairOrSecretary(a) && m.status === 'published',
    close: (a, m) => chairOrSecretary(a) && m.status === 'in-session',
    approve: (a, m) => isAnyOf('chair', 'secretary')(a) && m.status === 'minutes-draft',
    reopen: (a, m) => isAnyOf('admin', 'chair')(a) && m.status === 'approved',
    // A published meeting that will not be held is cancelled, with a reason; it stays in the history.
    cancel: (a, m) => chairOrSecretary(a) && m.status === 'published',
    // Only a draft nobody outside the council has seen may be deleted (softly: it is kept, and audited).
    delete: (a, m) => chairOrSecretary(a) && m.status === 'draft',
    // Attendees sign draft minutes (the service checks that they were present).
    sign: (a, m) => isAttendee(a) && m.status === 'minutes-draft',
    // The chair and the secretary record votes, and a member's minuted view or conflict of interest
    // for them; members ask for their own view to be minuted and declare their own conflicts.
    vote: (a, m) => chairOrSecretary(a) && VOTING.includes(m.status),
    dissent: (a, m) => (isAttendee(a) || chairOrSecretary(a)) && VOTING.includes(m.status),
    declare: (a, m) => (isAttendee(a) || chairOrSecretary(a)) && EDITABLE_MEETING.includes(m.status),
    // The draft agenda or draft minutes go to chosen people to read before release; it publishes nothing.
    requestReview: (a, m) => chairOrSecretary(a) && REVIEWABLE.includes(m.status),
    review: (a, m) => isReviewer(a, m) && REVIEWABLE.includes(m.status),
    // The council's attendees are invited when the agenda is published, and reply before the meeting.
    rsvp: (a, m) => isAttendee(a) && m.status === 'published',
  },
  meetingClosed: {
    read: (a) => isCouncil(a),
    edit: (a, m) => isCouncil(a) && EDITABLE_MEETING.includes(m.status),
  },
  groups: { read: signedIn, create: (a) => isCouncil(a) },
  group: {
    read: (a, g) => g.visibility === 'open' || isCouncil(a) || g.id in a.groups,
    edit: (a, g) => a.role === 'admin' || g.id in a.groups,
    manage: (a, g) => isCouncil(a) || a.groups[g.id] === 'lead',
  },
  plans: { read: signedIn, create: (a) => isCouncil(a) },
  plan: {
    read: signedIn,
    edit: (a) => isCouncil(a),
    addMeasurement: (a, p) => isCouncil(a) || (p.ownerGroupIds ?? []).some((g) => a.groups[g] === 'lead'),
  },
  decisions: { read: signedIn },
  councilActions: { read: signedIn },
  // The council follows up its own action points; whoever an action point names may mark it done too.
  councilAction: { read: signedIn, complete: (a, action) => isCouncil(a) || a.id === action.assigneeId },
  people: { read: signedIn, create: isAnyOf('admin'), manage: isAnyOf('admin') },
  person: { read: signedIn, edit: (a, p) => a.id === p.id || a.role === 'admin' },
  audit: { read: chairOrSecretary },
  // Nobody reads or marks another's notifications, admins included: they may say what one is assigned.
  notifications: { read: (a, n) => a.id === n.ownerId, edit: (a, n) => a.id === n.ownerId },
  outgoingMail: { read: isAnyOf('admin') },
  server: { read: isAnyOf('admin') },
  // The council reads templates (a new meeting's items); those who create meetings keep them.
  meetingTemplates: {
    read: (a) => isCouncil(a),
    create: chairOrSecretary,
    edit: chairOrSecretary,
    delete: chairOrSecretary,
  },
  meetingSeries: { read: (a) => isCouncil(a), create: chairOrSecretary, delete: chairOrSecretary },
  // Anyone signed in proposes an item (the network included); the chair and the secretary decide.
  agendaProposals: { read: signedIn, create: signedIn, manage: chairOrSecretary },
  agendaProposal: { delete: (a, p) => a.id === p.proposedBy },
  // A confidential item's papers are the council's, like its notes; the council keeps the papers
  // of every item until the minutes are approved, which freezes them (reopening thaws them).
  papers: {
    read: (a, p) => (p.confidential ? isCouncil(a) : readsMeeting(a, p)),
    edit: (a, p) => isCouncil(a) && EDITABLE_MEETING.includes(p.status),
  },
};

export function can(actor: Actor | null | undefined, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  const rules = TABLE[resource.type] as Partial<Record<Action, Rule<Resource>>>;
  const rule = rules[action];
  return rule ? rule(actor, resource) : false;
}

/** Confidential agenda content (notes, decisions, their counts) is for whoever may open closed meeting documents. */
export function mayReadConfidential(actor: Actor | null | undefined): boolean {
  return can(actor, 'read', { type: 'meetingClosed', status: 'approved' });
}
