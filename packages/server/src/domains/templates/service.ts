import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type AgendaItemInput,
  addAgendaItem,
  type CreateMeeting,
  type CreateTemplate,
  can,
  docNames,
  type MeetingTemplate,
  PRESENTER_ROLES,
  type PresenterRole,
  readAgenda,
  TEMPLATE_LIMITS,
  TEXT_LIMITS,
  type TemplateFromMeeting,
  type TemplateItem,
  type UpdateTemplate,
} from '@council/shared';
import type { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, forbidden, HttpError, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { MeetingRow } from '../meetings/repo.ts';
import type { MeetingsService } from '../meetings/service.ts';
import type { Repos } from '../repos.ts';

const RESOURCE = { type: 'meetingTemplates' } as const;

/**
 * Meeting templates: kept by those who create meetings, read by the council. A meeting made from
 * one gets its items on the agenda through the live document, as an item added over REST does.
 */
export class TemplatesService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly live: LiveDocuments,
    private readonly meetings: MeetingsService,
  ) {}

  async list(actor: Actor): Promise<MeetingTemplate[]> {
    this.require(actor, 'read');
    return this.repos.templates.list();
  }

  async get(actor: Actor, id: string): Promise<MeetingTemplate> {
    this.require(actor, 'read');
    const template = await this.repos.templates.byId(id);
    if (!template) throw notFound('Template');
    return template;
  }

  async create(actor: Actor, input: z.output<typeof CreateTemplate>): Promise<MeetingTemplate> {
    this.require(actor, 'create');
    return this.insert(actor, input, {});
  }

  /** A template of a meeting's agenda as it stands: its items, never their notes or decisions. */
  async fromMeeting(actor: Actor, input: z.output<typeof TemplateFromMeeting>): Promise<MeetingTemplate> {
    this.require(actor, 'create');
    // A meeting the actor may not see does not exist for them; anything else is a real failure.
    const meeting = await this.meetings
      .visible(actor, input.meetingId)
      .catch((err) => (err instanceof HttpError && err.status === 404 ? null : Promise.reject(err)));
    if (!meeting) throw invalid(['meetingId'], 'There is no such meeting.', 'unknown_reference');
    const agenda = await this.live.read(docNames.meeting(meeting.id), readAgenda);
    const roles = new Map((await this.repos.people.list()).map((p) => [p.id, p.role]));
    // An item without a title has nothing to say on another agenda.
    const items: TemplateItem[] = agenda.flatMap((item) => {
      const title = item.title.trim().slice(0, TEXT_LIMITS.agendaTitle);
      if (!title) return [];
      const role = item.presenterId ? roles.get(item.presenterId) : undefined;
      return {
        title,
        kind: item.kind,
        durationMinutes: item.durationMinutes,
        presenterRole: PRESENTER_ROLES.find((r) => r === role) ?? null,
        confidential: item.confidential,
      };
    });
    return this.insert(
      actor,
      { name: input.name, description: input.description, items: items.slice(0, TEMPLATE_LIMITS.items) },
      { meetingId: meeting.id },
    );
  }

  async update(actor: Actor, id: string, patch: z.output<typeof UpdateTemplate>): Promise<MeetingTemplate> {
    this.require(actor, 'edit');
    const before = await this.get(actor, id);
    await inTransaction(this.db, async () => {
      await this.repos.templates.update(id, patch);
      await this.repos.audit.record(actor.id, 'template.update', `template:${id}`, {
        name: patch.name ?? before.name,
        fields: Object.keys(patch),
      });
    });
    return this.get(actor, id);
  }

  /** A template a series makes meetings from stays until the series is stopped (409). */
  async delete(actor: Actor, id: string): Promise<void> {
    this.require(actor, 'delete');
    const template = await this.get(actor, id);
    const series = await this.repos.series.usingTemplate(id);
    if (series.length > 0) {
      throw conflict(`The series ${series.join(', ')} make meetings from this template; stop them first.`);
    }
    await inTransaction(this.db, async () => {
      await this.repos.templates.delete(id);
      await this.repos.audit.record(actor.id, 'template.delete', `template:${id}`, {
        name: template.name,
        items: template.items.map((i) => i.title),
      });
    });
  }

  /**
   * A draft meeting with the template's items on its agenda, in order. A presenter role becomes the
   * active person holding it: the creator if they hold it, otherwise the first by name; nobody if
   * no one does.
   */
  async createMeeting(actor: Actor, templateId: string, input: z.output<typeof CreateMeeting>): Promise<MeetingRow> {
    if (!can(actor, 'create', { type: 'meetings' })) throw forbidden('You may not create meetings.');
    const template = await this.get(actor, templateId);
    const id = `m-${randomUUID().slice(0, 8)}`;
    await inTransaction(this.db, async () => {
      await this.repos.meetings.create({ id, status: 'draft', ...input });
      await this.repos.audit.record(actor.id, 'meeting.create', `meeting:${id}`, {
        title: input.title,
        template: template.name,
        templateId: template.id,
      });
    });
    await this.writeAgenda(id, template, actor);
    return this.meetings.visible(actor, id);
  }

  /**
   * Writes a template's items onto a meeting's agenda through the live document, so that everyone
   * looking sees them appear; `actor` null is the series scheduler, which holds no role.
   */
  async writeAgenda(id: string, template: MeetingTemplate, actor: Actor | null): Promise<void> {
    const presenters = await this.presenters(actor);
    const items: AgendaItemInput[] = template.items.map((item) => {
      const presenterId = item.presenterRole ? presenters.get(item.presenterRole) : undefined;
      return {
        id: randomUUID().slice(0, 8),
        title: item.title,
        kind: item.kind,
        durationMinutes: item.durationMinutes,
        confidential: item.confidential,
        ...(presenterId ? { presenterId } : {}),
      };
    });
    // One change, so that everyone sees the whole agenda appear at once.
    if (items.length > 0) {
      await this.live.change(docNames.meeting(id), (open) => {
        open.transact(() => {
          for (const item of items) addAgendaItem({ open }, item);
        });
      });
    }
  }

  private async presenters(actor: Actor | null): Promise<Map<PresenterRole, string>> {
    const active = (await this.repos.people.list()).filter((p) => !p.deactivatedAt);
    const holders = new Map<PresenterRole, string>();
    for (const role of PRESENTER_ROLES) {
      const holder = actor?.role === role ? active.find((p) => p.id === actor.id) : active.find((p) => p.role === role);
      if (holder) holders.set(role, holder.id);
    }
    return holders;
  }

  private async insert(
    actor: Actor,
    input: Pick<MeetingTemplate, 'name' | 'description' | 'items'>,
    source: { meetingId?: string },
  ): Promise<MeetingTemplate> {
    const id = `t-${randomUUID().slice(0, 8)}`;
    await inTransaction(this.db, async () => {
      await this.repos.templates.create({ id, ...input });
      await this.repos.audit.record(actor.id, 'template.create', `template:${id}`, {
        name: input.name,
        items: input.items.length,
        ...source,
      });
    });
    return this.get(actor, id);
  }

  private require(actor: Actor, action: 'read' | 'create' | 'edit' | 'delete'): void {
    if (!can(actor, action, RESOURCE)) throw forbidden();
  }
}
