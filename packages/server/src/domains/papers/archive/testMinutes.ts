import {
  addActionPoint,
  addAgendaItem,
  type ItemProceedings,
  MEETING_FIELDS,
  setAttendance,
  setDecision,
} from '@council/shared';
import * as Y from 'yjs';
import { readMeetingRecord } from '../../meetings/content.ts';
import { renderMinutes } from '../../meetings/render.ts';
import type { MeetingRow } from '../../meetings/repo.ts';

/**
 * Approved minutes for the archive's tests, rendered by the real `renderMinutes` from a meeting's
 * two documents built the way the editor and the REST commands build them. Only tests import it.
 */

type Mark = { bold?: true; italic?: true };

/** A Tiptap node: a paragraph or heading of runs, or a list whose items are paragraphs of runs. */
function element(name: string, runs: [string, Mark?][], attributes: Record<string, string> = {}): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  const text = new Y.XmlText();
  node.insert(0, [text]);
  let at = 0;
  for (const [value, mark] of runs) {
    text.insert(at, value, mark ? { ...mark } : {});
    at += value.length;
  }
  return node;
}

function list(name: 'bulletList' | 'orderedList', items: [string, Mark?][][]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.insert(
    0,
    items.map((runs) => {
      const li = new Y.XmlElement('listItem');
      li.insert(0, [element('paragraph', runs)]);
      return li;
    }),
  );
  return node;
}

function notes(doc: Y.Doc, itemId: string, nodes: Y.XmlElement[]): void {
  const fragment = doc.getXmlFragment(MEETING_FIELDS.notes(itemId));
  fragment.insert(fragment.length, nodes);
}

export const MEETING: MeetingRow = {
  id: 'm1',
  title: 'Rådsmøde 1/2027',
  startsAt: '2027-02-04T09:00:00+01:00',
  endsAt: '2027-02-04T12:00:00+01:00',
  location: 'Odense, Rådhuset (lokale 2)',
  status: 'approved',
  decisionCount: 1,
  decisions: [{ number: '2027-001', title: 'Platformen godkendes', itemId: 'i1' }],
  cancelReason: null,
  sequence: 0,
};

/** The agenda items' titles as the minutes number them. */
export const ITEMS = {
  platform: '1. Fælles integrationsplatform',
  cloud: '2. Persondata i skyen',
  greece: '3. Erfaringer fra Ελλάδα 🎉',
};

export function meetingMinutes(audience: 'public' | 'council'): string {
  const open = new Y.Doc();
  const closed = new Y.Doc();
  const docs = { open, closed };
  addAgendaItem(docs, {
    id: 'i1',
    title: 'Fælles integrationsplatform',
    kind: 'decision',
    presenterId: 'p1',
    durationMinutes: 30,
    confidential: false,
  });
  addAgendaItem(docs, {
    id: 'i2',
    title: 'Persondata i skyen',
    kind: 'discussion',
    durationMinutes: 20,
    confidential: true,
  });
  addAgendaItem(docs, {
    id: 'i3',
    title: 'Erfaringer fra Ελλάδα 🎉',
    kind: 'information',
    durationMinutes: 10,
    confidential: false,
  });
  setAttendance(open, 'p1', 'present');
  setAttendance(open, 'p2', 'apologies');

  notes(open, 'i1', [
    element('paragraph', [
      ['Søren præsenterede ', {}],
      ['udbudsmaterialet', { bold: true }],
      [' og ', {}],
      ['tidsplanen', { italic: true }],
      [' for 2027*; se bilag [A] (version 2) — pris: 5_000 kr. & moms.', {}],
    ]),
    element('heading', [['Drøftelse af #risici', {}]], { level: '1' }),
    list('bulletList', [
      [['Leverandørbinding', {}]],
      [
        ['Økonomi: ', {}],
        ['usikker', { bold: true }],
      ],
    ]),
    list('orderedList', [[['Afklar krav', {}]], [['- Indhent tilbud', {}]]]),
    element('paragraph', [['1. Ikke en liste, men en sætning.', {}]]),
  ]);
  setDecision(open, 'i1', {
    title: 'Platformen godkendes',
    text: 'Rådet godkender platformen\\løsningen med forbehold for <økonomi>.',
    status: 'adopted',
  });
  notes(closed, 'i2', [element('paragraph', [['Fortroligt: forhandlingsstrategien over for leverandøren.', {}]])]);
  notes(open, 'i3', [element('paragraph', [['Kollegerne i Grækenland delte erfaringer.', {}]])]);
  addActionPoint(open, { id: 'a1', title: 'Send udkast til KL', assigneeId: 'p1', due: '2027-03-01' });

  const proceedings = new Map<string, ItemProceedings>([
    [
      'i1',
      {
        itemId: 'i1',
        vote: { mode: 'counts', for: 7, against: 1, abstain: 0, ballots: [] },
        dissents: [{ personId: 'p2', name: 'Åse Ørsted', text: 'Prisen er for høj.' }],
        conflicts: [{ personId: 'p3', name: 'Bjørn Æbelø' }],
      },
    ],
  ]);
  return renderMinutes({
    meeting: MEETING,
    content: readMeetingRecord(docs),
    open,
    closed,
    names: new Map([
      ['p1', 'Søren Ærø'],
      ['p2', 'Åse Ørsted'],
    ]),
    numbers: new Map([['i1', '2027-001']]),
    audience,
    signatures: [{ personId: 'p1', signedAt: '2027-02-10T13:30:00Z' }],
    proceedings,
  }).markdown;
}
