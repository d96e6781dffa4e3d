import {
  CsvExportQuery,
  can,
  DecisionNumber,
  DecisionQuery,
  type DecisionRecord,
  mayReadConfidential,
  messages,
} from '@council/shared';
import { Router } from 'express';
import { authorize } from '../../http/auth.ts';
import { type CsvColumn, sendCsv } from '../../http/csv.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { parse } from '../../http/validate.ts';
import type { DecisionsRepo } from './repo.ts';

const { exports, decisions: words } = messages.da;
const da = exports.decisions;

/** The register's CSV columns; for Danish Excel the headings and status words are Danish. */
const DECISION_COLUMNS: CsvColumn<DecisionRecord>[] = [
  { name: 'number', da: da.number, value: (d) => d.number ?? '' },
  {
    name: 'status',
    da: da.status,
    value: (d, format) => (format === 'excel-da' ? words.statuses[d.status] : d.status),
  },
  { name: 'decided_on', da: da.decidedOn, value: (d) => d.decidedOn },
  { name: 'title', da: da.title, value: (d) => d.title },
  { name: 'text', da: da.text, value: (d) => d.text },
  { name: 'tags', da: da.tags, value: (d) => d.tags.join(';') },
  { name: 'supersedes', da: da.supersedes, value: (d) => d.supersedes.join(';') },
  { name: 'meeting_id', da: da.meetingId, value: (d) => d.meetingId },
  { name: 'meeting_title', da: da.meetingTitle, value: (d) => d.meetingTitle },
  { name: 'votes_for', da: da.votesFor, value: (d) => d.proceedings?.vote?.for ?? '' },
  { name: 'votes_against', da: da.votesAgainst, value: (d) => d.proceedings?.vote?.against ?? '' },
  { name: 'votes_abstain', da: da.votesAbstain, value: (d) => d.proceedings?.vote?.abstain ?? '' },
  {
    name: 'dissents',
    da: da.dissents,
    value: (d) => (d.proceedings?.dissents ?? []).map((x) => `${x.name}: ${x.text}`).join(';'),
  },
  { name: 'conflicts', da: da.conflicts, value: (d) => (d.proceedings?.conflicts ?? []).map((x) => x.name).join(';') },
];

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
  router.get('/decisions.json', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    res.attachment('beslutninger.json').json(await decisions.all(mayReadConfidential(actor)));
  });

  router.get('/decisions.csv', async (req, res) => {
    const { actor } = authorize(req, 'read', { type: 'decisions' });
    const { format } = parse(CsvExportQuery, req.query);
    sendCsv(res, 'beslutninger.csv', format, DECISION_COLUMNS, await decisions.all(mayReadConfidential(actor)));
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
