import { contentDoc, fill, type ItemProceedings, MEETING_FIELDS, messages, RECORD_LOCALE } from '@council/shared';
import * as Y from 'yjs';
import type { MeetingRecord } from './content.ts';
import type { MeetingRow } from './repo.ts';

export interface RenderInput {
  meeting: MeetingRow;
  content: MeetingRecord;
  open: Y.Doc;
  closed: Y.Doc;
  names: Map<string, string>;
  /** Decision numbers by agenda item id. */
  numbers: Map<string, string>;
  audience: 'public' | 'council';
  /** Who signed the draft, and when, in the order they signed. */
  signatures?: { personId: string; signedAt: string }[];
  /** Votes, minuted views and conflicts of interest, by agenda item id. */
  proceedings?: Map<string, ItemProceedings>;
  /** The papers of each item (not removed), in their order: the minutes list them. */
  papers?: Map<string, { title: string; fileName: string }[]>;
}

const { records, meetings } = messages[RECORD_LOCALE];
const LABELS = {
  ...records.kinds,
  ...records.attendance,
  confidential: records.confidential,
  actions: records.actionsHeading,
  attendance: records.attendanceHeading,
  status: meetings.decision.statuses,
};

/** Renders approved minutes as Markdown and as HTML; the public version leaves confidential content out. */
export function renderMinutes(input: RenderInput): { markdown: string; html: string } {
  const md = new MarkdownWriter();
  const html = new HtmlWriter();
  const { meeting, content, names } = input;
  const date = meeting.startsAt.slice(0, 10);
  md.heading(1, meeting.title);
  html.heading(1, meeting.title);
  md.paragraph(`${date} · ${meeting.location}`);
  html.paragraph(`${date} · ${meeting.location}`);

  if (content.attendance.size > 0) {
    md.heading(2, LABELS.attendance);
    html.heading(2, LABELS.attendance);
    const rows = [...content.attendance].map(([id, value]) => `${names.get(id) ?? id}: ${LABELS[value]}`);
    md.list(rows);
    html.list(rows);
  }

  content.agenda.forEach((item, index) => {
    const heading = `${index + 1}. ${item.title}`;
    md.heading(2, heading);
    html.heading(2, heading, `item-${item.id}`);
    const meta = `${LABELS[item.kind]}${item.presenterId ? ` · ${names.get(item.presenterId) ?? ''}` : ''}`;
    md.emphasis(meta);
    html.paragraph(meta, 'meta');
    if (item.confidential && input.audience === 'public') {
      md.paragraph(LABELS.confidential);
      html.paragraph(LABELS.confidential, 'confidential');
      return;
    }
    const recorded = input.proceedings?.get(item.id);
    // Who left for the item is said first: what follows was done without them.
    for (const c of recorded?.conflicts ?? []) {
      const line = fill(c.reason ? records.conflictReason : records.conflict, { name: c.name, reason: c.reason ?? '' });
      md.emphasis(line);
      html.paragraph(line, 'conflict');
    }
    const fragment = (contentDoc(item, input) as Y.Doc).getXmlFragment(MEETING_FIELDS.notes(item.id));
    writeFragment(fragment, md, html);
    const decision = content.decisions.get(item.id);
    if (decision) {
      const number = input.numbers.get(item.id);
      const title = `${number ? fill(records.decisionNumbered, { number }) : LABELS.status[decision.status]}: ${decision.title}`;
      md.heading(3, title, number ? `/decisions/${number}` : undefined);
      html.heading(3, title, number ? `decision-${number}` : undefined, number ? `/decisions/${number}` : undefined);
      if (decision.text) {
        md.paragraph(decision.text);
        html.paragraph(decision.text);
      }
      if (decision.supersedes.length > 0) {
        const line = fill(records.supersedes, { numbers: decision.supersedes.join(', ') });
        md.paragraph(line);
        html.paragraph(line);
      }
      if (recorded) writeVote(recorded, md, html);
    }
    const papers = input.papers?.get(item.id) ?? [];
    if (papers.length > 0) {
      md.paragraph(records.papersHeading);
      html.paragraph(records.papersHeading, 'papers');
      const rows = papers.map((p) => `${p.title} (${p.fileName})`);
      md.list(rows);
      html.list(rows);
    }
  });

  if (content.actions.length > 0) {
    md.heading(2, LABELS.actions);
    html.heading(2, LABELS.actions);
    const rows = content.actions.map(
      (a) =>
        `${a.title}${a.assigneeId ? ` (${names.get(a.assigneeId) ?? a.assigneeId})` : ''}${a.due ? `, ${a.due}` : ''}`,
    );
    md.list(rows);
    html.list(rows);
  }

  if (input.signatures?.length) {
    md.heading(2, records.signaturesHeading);
    html.heading(2, records.signaturesHeading);
    const stamp = new Intl.DateTimeFormat('da-DK', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    });
    const rows = input.signatures.map(
      (s) => `${names.get(s.personId) ?? s.personId}, ${stamp.format(new Date(s.signedAt))}`,
    );
    md.list(rows);
    html.list(rows);
  }
  return { markdown: md.toString(), html: html.toString() };
}

/** The vote (its counts, and in a named vote who voted how), then each view asked to be minuted. */
function writeVote(recorded: ItemProceedings, md: MarkdownWriter, html: HtmlWriter): void {
  const { vote } = recorded;
  if (vote) {
    const counts = fill(records.voteCounts, { for: vote.for, against: vote.against, abstain: vote.abstain });
    md.paragraph(counts);
    html.paragraph(counts, 'vote');
    const named = (
      [
        ['for', records.voteFor],
        ['against', records.voteAgainst],
        ['abstain', records.voteAbstain],
      ] as const
    ).flatMap(([choice, template]) => {
      const names = vote.ballots.filter((b) => b.choice === choice).map((b) => b.name);
      return names.length > 0 ? [fill(template, { names: names.join(', ') })] : [];
    });
    if (named.length > 0) {
      md.list(named);
      html.list(named);
    }
  }
  for (const d of recorded.dissents) {
    const line = fill(records.dissent, { name: d.name, text: d.text });
    md.paragraph(line);
    html.paragraph(line, 'dissent');
  }
}

type Run = { text: string; bold?: boolean; italic?: boolean };

/** Tiptap's paragraphs, headings and lists; other nodes fall back to their text. */
function writeFragment(fragment: Y.XmlFragment | Y.XmlElement, md: MarkdownWriter, html: HtmlWriter): void {
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    switch (node.nodeName) {
      case 'heading': {
        const level = Math.min(6, Math.max(3, Number(node.getAttribute('level') ?? 3) + 2));
        md.heading(level, runsToText(runs(node)));
        html.heading(level, runsToText(runs(node)));
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const items = node.toArray().filter((li): li is Y.XmlElement => li instanceof Y.XmlElement);
        const lines = items.map((li) => li.toArray().flatMap((p) => (p instanceof Y.XmlElement ? runs(p) : [])));
        md.listRuns(lines, node.nodeName === 'orderedList');
        html.listRuns(lines, node.nodeName === 'orderedList');
        break;
      }
      default: {
        const r = runs(node);
        md.paragraphRuns(r);
        html.paragraphRuns(r);
      }
    }
  }
}

function runs(element: Y.XmlElement): Run[] {
  const out: Run[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert === 'string') {
          out.push({ text: op.insert, bold: Boolean(op.attributes?.bold), italic: Boolean(op.attributes?.italic) });
        }
      }
    } else if (child instanceof Y.XmlElement) {
      out.push(...runs(child));
    }
  }
  return out;
}

const runsToText = (r: Run[]) => r.map((x) => x.text).join('');

class MarkdownWriter {
  private readonly blocks: string[] = [];
  heading(level: number, text: string, href?: string) {
    const content = href ? `[${escapeMarkdown(text)}](${href})` : escapeMarkdown(text);
    this.blocks.push(`${'#'.repeat(level)} ${content}`);
  }
  /** Every value is escaped: a location, a name or a decision's text is text, never Markdown or HTML. */
  paragraph(text: string) {
    this.blocks.push(escapeMarkdown(text));
  }
  emphasis(text: string) {
    this.blocks.push(`_${escapeMarkdown(text)}_`);
  }
  paragraphRuns(r: Run[]) {
    const text = r.map((x) => wrapMarkdown(x)).join('');
    if (text.trim()) this.blocks.push(text);
  }
  list(rows: string[]) {
    this.blocks.push(rows.map((row) => `- ${escapeMarkdown(row)}`).join('\n'));
  }
  listRuns(rows: Run[][], ordered: boolean) {
    this.blocks.push(rows.map((r, i) => `${ordered ? `${i + 1}.` : '-'} ${r.map(wrapMarkdown).join('')}`).join('\n'));
  }
  toString() {
    return `${this.blocks.join('\n\n')}\n`;
  }
}

class HtmlWriter {
  private readonly parts: string[] = [];
  heading(level: number, text: string, id?: string, href?: string) {
    const content = href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
    this.parts.push(`<h${level}${id ? ` id="${escapeHtml(id)}"` : ''}>${content}</h${level}>`);
  }
  paragraph(text: string, className?: string) {
    this.parts.push(`<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`);
  }
  paragraphRuns(r: Run[]) {
    if (runsToText(r).trim()) this.parts.push(`<p>${r.map(wrapHtml).join('')}</p>`);
  }
  list(rows: string[]) {
    this.parts.push(`<ul>${rows.map((row) => `<li>${escapeHtml(row)}</li>`).join('')}</ul>`);
  }
  listRuns(rows: Run[][], ordered: boolean) {
    const tag = ordered ? 'ol' : 'ul';
    this.parts.push(`<${tag}>${rows.map((r) => `<li>${r.map(wrapHtml).join('')}</li>`).join('')}</${tag}>`);
  }
  toString() {
    return this.parts.join('\n');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>()!#|~])/g, '\\$1')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

function wrapMarkdown(run: Run): string {
  let text = escapeMarkdown(run.text);
  if (run.bold) text = `**${text}**`;
  if (run.italic) text = `_${text}_`;
  return text;
}

function wrapHtml(run: Run): string {
  let text = escapeHtml(run.text);
  if (run.bold) text = `<strong>${text}</strong>`;
  if (run.italic) text = `<em>${text}</em>`;
  return text;
}
