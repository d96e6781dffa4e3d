/**
 * The one place that builds and parses collaboration document names (see DESIGN.md):
 * `meeting:<id>`, `meeting:<id>:closed`, `group:<id>`, `plan:<id>`.
 */
export type DocumentRef =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'meetingClosed'; meetingId: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'plan'; planId: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const PATTERNS: [RegExp, (id: string) => DocumentRef][] = [
  [new RegExp(`^meeting:(${ID})$`), (id) => ({ kind: 'meeting', meetingId: id })],
  [new RegExp(`^meeting:(${ID}):closed$`), (id) => ({ kind: 'meetingClosed', meetingId: id })],
  [new RegExp(`^group:(${ID})$`), (id) => ({ kind: 'group', groupId: id })],
  [new RegExp(`^plan:(${ID})$`), (id) => ({ kind: 'plan', planId: id })],
];

export function parseDocumentName(name: string): DocumentRef | null {
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(name);
    if (match?.[1]) return build(match[1]);
  }
  return null;
}

export function documentName(ref: DocumentRef): string {
  switch (ref.kind) {
    case 'meeting':
      return `meeting:${ref.meetingId}`;
    case 'meetingClosed':
      return `meeting:${ref.meetingId}:closed`;
    case 'group':
      return `group:${ref.groupId}`;
    case 'plan':
      return `plan:${ref.planId}`;
  }
}

export const docNames = {
  meeting: (meetingId: string) => documentName({ kind: 'meeting', meetingId }),
  meetingClosed: (meetingId: string) => documentName({ kind: 'meetingClosed', meetingId }),
  group: (groupId: string) => documentName({ kind: 'group', groupId }),
  plan: (planId: string) => documentName({ kind: 'plan', planId }),
};

/** Types of the JSON messages the server sends to a document's clients (Hocuspocus stateless messages). */
export const LIVE_MESSAGE = {
  /** The meeting changed status: clients reload it and reconnect with the rights the new status gives. */
  meetingStatus: 'meeting.status',
  /** The receiving person's role or groups changed: their client reloads what they may do and reconnects. */
  accessChanged: 'access.changed',
} as const;

/**
 * Close codes the server gives a collaboration socket, so that clients can say why. The provider
 * reconnects after each of them.
 */
export const COLLAB_CLOSE = {
  /** The server cannot store changes right now (after HTTP 507); what was not acknowledged is sent again. */
  storeFailed: { code: 4507, reason: 'The server cannot store changes right now' },
  /** One update, or the document it would make, is over the configured size (after HTTP 413). */
  tooLarge: { code: 4413, reason: 'The change is too large to store' },
  /** The client stopped reading: more was waiting for it than the server keeps for one connection. */
  tooSlow: { code: 4408, reason: 'The connection fell too far behind' },
} as const;
