import { z } from 'zod';
import { type Catalogue, fill } from './i18n/index.ts';
import { IsoDateTime } from './primitives.ts';

/**
 * What a person can be told of. Each kind has a message in the catalogues
 * (`notifications.kinds.<kind>`, filled with the notification's params) used by the list, the bell
 * and mail alike.
 */
export const NOTIFICATION_KINDS = [
  'agendaPublished',
  'agendaChanged',
  'minutesApproved',
  'taskAssigned',
  'actionAssigned',
  'volunteerWaiting',
  'volunteerDecided',
  'callMatching',
  'accessChanged',
  'meetingReminder',
  'dueSoon',
  'overdue',
  'signoffRequested',
  'signatureCleared',
  'reviewRequested',
  'reviewReminder',
  'meetingInvitation',
  'meetingUpdated',
  'meetingCancelled',
  'proposalReceived',
  'proposalScheduled',
  'proposalDeclined',
] as const;

/** Kinds whose mail carries the meeting's iCalendar event (METHOD:REQUEST, or CANCEL once cancelled). */
export const INVITATION_KINDS: readonly NotificationKind[] = [
  'meetingInvitation',
  'meetingUpdated',
  'meetingCancelled',
];
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** How a kind reaches a person by mail; the app lists every notification whatever this says. */
export const DELIVERIES = ['now', 'digest', 'never'] as const;
export const Delivery = z.enum(DELIVERIES);
export type Delivery = z.infer<typeof Delivery>;

/** What is one's own to do comes at once; everything else waits for the daily digest. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  agendaPublished: 'digest',
  agendaChanged: 'digest',
  minutesApproved: 'digest',
  taskAssigned: 'now',
  actionAssigned: 'now',
  volunteerWaiting: 'digest',
  volunteerDecided: 'digest',
  callMatching: 'digest',
  accessChanged: 'digest',
  meetingReminder: 'digest',
  dueSoon: 'digest',
  overdue: 'digest',
  signoffRequested: 'now',
  signatureCleared: 'now',
  reviewRequested: 'now',
  reviewReminder: 'now',
  meetingInvitation: 'now',
  meetingUpdated: 'now',
  meetingCancelled: 'now',
  proposalReceived: 'digest',
  proposalScheduled: 'now',
  proposalDeclined: 'now',
};

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  /** What the message fills in (titles as the council shows them, names, numbers); no content of confidential items. */
  params: z.record(z.string(), z.string()),
  /** Further lines under the message, such as the numbered decisions of approved minutes. */
  lines: z.array(z.string()),
  /** The app path of what it concerns. */
  url: z.string(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The signed one-click unsubscribe link of a mail: person, kind (or `digest`) and signature. */
export const UnsubscribeQuery = z.object({ p: z.string(), k: z.string(), s: z.string() });

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int().nonnegative(),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** A delivery for every kind, as an object with one property per kind (so the OpenAPI schema names them). */
const perKind = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, Delivery])) as Record<
  NotificationKind,
  typeof Delivery
>;

export const NotificationPreferences = z.object({
  /** The hour, Europe/Copenhagen, of the daily digest. */
  digestHour: z.number().int().min(0).max(23),
  deliveries: z.object(perKind),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** A PATCH of one's preferences: the fields it names, nothing else. */
export const UpdateNotificationPreferences = z
  .object({
    digestHour: z.number().int().min(0).max(23).optional(),
    deliveries: z.object(perKind).partial().strict().optional(),
  })
  .strict();
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;

/** What admins see of the mail Council sends, or keeps as files without an SMTP server. */
export const OutgoingMail = z.object({
  transport: z.enum(['smtp', 'files']),
  mails: z.array(
    z.object({
      id: z.number().int(),
      recipient: z.string(),
      email: z.string(),
      subject: z.string().nullable(),
      status: z.enum(['pending', 'sent']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: IsoDateTime,
      sentAt: IsoDateTime.nullable(),
    }),
  ),
});
export type OutgoingMail = z.infer<typeof OutgoingMail>;

/**
 * A notification's message in one language: the kind's sentence filled with its params, the few
 * params that are words rather than names (a decision, a role) put in that language first. The
 * web app and mail both use it, so the bell and the mail say the same.
 */
export function notificationText(
  n: Pick<Notification, 'kind' | 'params'>,
  catalogue: Catalogue,
  locale: 'da' | 'en',
): string {
  const words = catalogue.notifications.values;
  const values: Record<string, string> = { ...n.params };
  // Dates travel as ISO and are written the reader's way, in Danish time: "10. december 2026".
  const tag = locale === 'da' ? 'da-DK' : 'en-GB';
  if (n.params.date) {
    values.date = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(n.params.date));
  }
  if (n.params.start) {
    values.start = new Intl.DateTimeFormat(tag, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date(n.params.start));
  }
  if (n.params.deadline) {
    values.deadline = new Intl.DateTimeFormat(tag, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date(n.params.deadline));
  }
  if (n.params.stage) values.stage = n.params.stage === 'minutes' ? words.stageMinutes : words.stageAgenda;
  if (n.kind === 'volunteerDecided')
    values.decision = n.params.decision === 'accepted' ? words.accepted : words.declined;
  if (n.kind === 'accessChanged') {
    const role = n.params.role as keyof Catalogue['roles'] | undefined;
    values.change =
      role && role in catalogue.roles ? fill(words.roleChanged, { role: catalogue.roles[role] }) : words.groupsChanged;
  }
  return fill(catalogue.notifications.kinds[n.kind], values);
}
