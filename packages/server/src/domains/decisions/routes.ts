import { can, DecisionNumber, DecisionQuery, mayReadConfidential } from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { DecisionsRepo } from './repo.ts';

export function decisionRoutes(decisions: DecisionsRepo): Router {
  const router = Router();

  router.get('/decisions', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const page = await decisions.query(parse(DecisionQuery, req.query), mayReadConfidential(actor));
    if (!page) throw badRequest('The cursor is not valid; start again from the first page.');
    res.json(page);
  });

  router.get('/decisions/years', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    res.json(await decisions.years(mayReadConfidential(actor)));
  });

  /** Open data: the whole register the reader may see, as JSON or CSV. */
  router.get(['/decisions.json', '/decisions.csv'], async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const all = await decisions.all(mayReadConfidential(actor));
    if (req.path.endsWith('.json')) {
      res.attachment('beslutninger.json').json(all);
      return;
    }
    const header = [
      'number',
      'status',
      'decided_on',
      'title',
      'text',
      'tags',
      'supersedes',
      'meeting_id',
      'meeting_title',
    ];
    const rows = all.map((d) => [
      d.number ?? '',
      d.status,
      d.decidedOn,
      d.title,
      d.text,
      d.tags.join(';'),
      d.supersedes.join(';'),
      d.meetingId,
      d.meetingTitle,
    ]);
    res
      .type('text/csv; charset=utf-8')
      .attachment('beslutninger.csv')
      .send(`\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
  });

  router.get('/decisions/:number', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const decision = await decisions.byNumber(parse(DecisionNumber, req.params.number), mayReadConfidential(actor));
    if (!decision) throw notFound('Decision');
    // Groups set up by the decision are named only where the reader may see them.
    const groups = decision.groups
      .filter((g) => can(actor, 'read', { type: 'group', id: g.id, visibility: g.visibility }))
      .map(({ id, name }) => ({ id, name }));
    res.json({ ...decision, groups });
  });

  return router;
}

/** RFC 4180 quoting; a leading =, +, - or @ is defused so that spreadsheets do not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
