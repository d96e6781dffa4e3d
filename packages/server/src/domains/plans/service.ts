import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addMeasurement,
  type CreatePlan,
  can,
  docNames,
  type INITIATIVE_STATUSES,
  type NewMeasurement,
  readInitiative,
  readInitiatives,
  type UpdateInitiative,
  updateInitiative,
} from '@council/shared';
import type { z } from 'zod';
import { forbidden, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import type { Repos } from '../repos.ts';

export class PlansService {
  constructor(
    private readonly repos: Repos,
    private readonly live: LiveDocuments,
  ) {}

  /**
   * Adds a measurement through the live document, so that every open chart shows the point at once.
   * The council may add to any initiative; the lead of the initiative's owning group to theirs.
   */
  async addMeasurement(
    actor: Actor,
    ids: { planId: string; initiativeId: string; indicatorId: string },
    measurement: z.output<typeof NewMeasurement>,
  ): Promise<void> {
    if (!(await this.repos.plans.exists(ids.planId))) throw notFound('Plan');
    const owner = await this.repos.plans.initiativeOwner(ids.planId, ids.initiativeId);
    if (owner === undefined) throw invalid(['initiativeId'], 'Unknown initiative', 'unknown_reference');
    if (!can(actor, 'addMeasurement', { type: 'plan', ownerGroupIds: owner ? [owner] : [] })) {
      throw forbidden('Only the council and the lead of the owning group add measurements.');
    }
    let added = false;
    await this.live.change(docNames.plan(ids.planId), (doc) => {
      added = addMeasurement(doc, ids.initiativeId, ids.indicatorId, measurement);
    });
    if (!added) throw invalid(['indicatorId'], 'Unknown indicator', 'unknown_reference');
    await this.repos.audit.record(actor.id, 'plan.measurement', `plan:${ids.planId}`, { ...ids, ...measurement });
  }

  async create(actor: Actor, input: z.output<typeof CreatePlan>): Promise<{ id: string }> {
    if (!can(actor, 'create', { type: 'plans' })) throw forbidden('Action plans are kept by the council.');
    const id = `p-${randomUUID().slice(0, 8)}`;
    await this.repos.plans.create({ id, ...input });
    await this.repos.audit.record(actor.id, 'plan.create', `plan:${id}`, input);
    return { id };
  }

  /**
   * Changes an initiative through the live document. The whole change is checked first, against the
   * initiative's current dates too, so nothing is partially applied.
   */
  async updateInitiative(
    actor: Actor,
    planId: string,
    initiativeId: string,
    patch: z.output<typeof UpdateInitiative>,
  ): Promise<void> {
    if (!(await this.repos.plans.exists(planId))) throw notFound('Plan');
    if (!can(actor, 'edit', { type: 'plan' })) throw forbidden('The action plan is edited by the council.');
    if (patch.ownerGroupId && !(await this.repos.groups.byId(patch.ownerGroupId)))
      throw invalid(['ownerGroupId'], 'Unknown working group', 'unknown_reference');
    let problem: ReturnType<typeof invalid> | null = null;
    await this.live.change(docNames.plan(planId), (doc) => {
      const current = readInitiative(doc, initiativeId);
      if (!current) {
        problem = invalid(['initiativeId'], 'Unknown initiative', 'unknown_reference');
        return;
      }
      const start = patch.startDate === undefined ? current.startDate : patch.startDate;
      const end = patch.endDate === undefined ? current.endDate : patch.endDate;
      if (start && end && end < start) {
        problem = invalid(['endDate'], 'The end date is before the start date', 'ends_before_start');
        return;
      }
      const { ownerGroupId, startDate, endDate, ...rest } = patch;
      updateInitiative(doc, initiativeId, {
        ...rest,
        ...(ownerGroupId !== undefined ? { ownerGroupId: ownerGroupId ?? undefined } : {}),
        ...(startDate !== undefined ? { startDate: startDate ?? undefined } : {}),
        ...(endDate !== undefined ? { endDate: endDate ?? undefined } : {}),
      });
    });
    if (problem) throw problem;
    await this.repos.audit.record(actor.id, 'plan.initiative.update', `plan:${planId}`, { initiativeId, ...patch });
  }

  /** The plan as rows: one per measurement, or per indicator without any, or per initiative without indicators. */
  /** The plan's export rows: one per measurement, or per indicator or initiative without any. */
  async exportRows(actor: Actor, planId: string): Promise<PlanExportRow[]> {
    if (!(await this.repos.plans.exists(planId))) throw notFound('Plan');
    // Only groups the reader may see are named: a closed group's name is not the network's to read.
    const groups = new Map(
      (await this.repos.groups.list())
        .filter((g) => can(actor, 'read', { type: 'group', id: g.id, visibility: g.visibility }))
        .map((g) => [g.id, g.name]),
    );
    return this.live.read(docNames.plan(planId), (doc) =>
      readInitiatives(doc).flatMap((initiative): PlanExportRow[] => {
        const base = {
          initiativeId: initiative.id,
          initiative: initiative.title,
          theme: initiative.theme,
          status: initiative.status,
          ownerGroup: groups.get(initiative.ownerGroupId ?? '') ?? '',
          start: initiative.startDate ?? '',
          end: initiative.endDate ?? '',
        };
        const none = { indicator: '', unit: '', baseline: '', target: '', date: '', value: '' } as const;
        if (initiative.indicators.length === 0) return [{ ...base, ...none }];
        return initiative.indicators.flatMap((ind): PlanExportRow[] => {
          const head = { ...base, indicator: ind.name, unit: ind.unit, baseline: ind.baseline, target: ind.target };
          if (ind.measurements.length === 0) return [{ ...head, date: '', value: '' }];
          return ind.measurements.map((m) => ({ ...head, date: m.date, value: m.value }));
        });
      }),
    );
  }
}

/** One row of a plan's export: an initiative, one of its indicators and one measurement, blank where none. */
export interface PlanExportRow {
  initiativeId: string;
  initiative: string;
  theme: string;
  status: (typeof INITIATIVE_STATUSES)[number];
  /** Empty where the reader may not see the owning group. */
  ownerGroup: string;
  start: string;
  end: string;
  indicator: string;
  unit: string;
  baseline: number | '';
  target: number | '';
  date: string;
  value: number | '';
}
