import { z } from 'zod';
import { AGENDA_KINDS } from './documents/meeting.ts';
import { TEXT_LIMITS } from './limits.ts';
import { Id, IsoDateTime } from './primitives.ts';

/**
 * Meeting templates (issue 18): the standard items of a kind of meeting ("Godkendelse af
 * dagsorden", "Meddelelser", "Eventuelt"), copied onto a new meeting's agenda.
 */

/** Who presents a template's item: a role the council has one of, resolved to a person when a meeting is made. */
export const PRESENTER_ROLES = ['chair', 'secretary'] as const;
export const PresenterRole = z.enum(PRESENTER_ROLES);
export type PresenterRole = z.infer<typeof PresenterRole>;

export const TEMPLATE_LIMITS = { name: 200, description: 1_000, items: 50 } as const;

export const TemplateItem = z.object({
  title: z.string().trim().min(1).max(TEXT_LIMITS.agendaTitle),
  kind: z.enum(AGENDA_KINDS),
  durationMinutes: z.number().int().min(0).max(600),
  /** null: nobody in particular presents it. */
  presenterRole: PresenterRole.nullable(),
  confidential: z.boolean(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

/** An item as a client writes it: only the title and the kind are needed. */
export const NewTemplateItem = TemplateItem.extend({
  durationMinutes: z.number().int().min(0).max(600).default(10),
  presenterRole: PresenterRole.nullable().default(null),
  confidential: z.boolean().default(false),
});
export type NewTemplateItem = z.input<typeof NewTemplateItem>;

export const MeetingTemplate = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  items: z.array(TemplateItem),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type MeetingTemplate = z.infer<typeof MeetingTemplate>;

const TemplateFields = z.object({
  name: z.string().trim().min(1).max(TEMPLATE_LIMITS.name),
  description: z.string().trim().max(TEMPLATE_LIMITS.description).default(''),
  items: z.array(NewTemplateItem).max(TEMPLATE_LIMITS.items),
});

export const CreateTemplate = TemplateFields;
export type CreateTemplate = z.input<typeof CreateTemplate>;

/** Names the fields it changes; `items` replaces the whole list, in its order. */
export const UpdateTemplate = TemplateFields.partial();
export type UpdateTemplate = z.input<typeof UpdateTemplate>;

/** A template made of an existing meeting's agenda (its items, never its notes or decisions). */
export const TemplateFromMeeting = z.object({
  meetingId: Id,
  name: z.string().trim().min(1).max(TEMPLATE_LIMITS.name),
  description: z.string().trim().max(TEMPLATE_LIMITS.description).default(''),
});
export type TemplateFromMeeting = z.input<typeof TemplateFromMeeting>;
