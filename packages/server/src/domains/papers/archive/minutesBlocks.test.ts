import { addAgendaItem, setDecision } from '@council/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeetingRecord } from '../../meetings/content.ts';
import { renderMinutes } from '../../meetings/render.ts';
import { type Block, minutesBlocks } from './minutesBlocks.ts';
import { ITEMS, MEETING, meetingMinutes } from './testMinutes.ts';

describe('minutesBlocks on minutes rendered by renderMinutes', () => {
  it('reads every block of the council version as plain text, escapes undone and markers dropped', () => {
    expect(minutesBlocks(meetingMinutes('council'))).toEqual<Block[]>([
      { type: 'heading', level: 1, text: 'Rådsmøde 1/2027' },
      { type: 'paragraph', text: '2027-02-04 · Odense, Rådhuset (lokale 2)' },
      { type: 'heading', level: 2, text: 'Deltagere' },
      { type: 'list', ordered: false, items: ['Søren Ærø: Til stede', 'Åse Ørsted: Afbud'] },
      { type: 'heading', level: 2, text: ITEMS.platform },
      { type: 'paragraph', text: 'Beslutning · Søren Ærø', emphasis: true },
      {
        type: 'paragraph',
        text: 'Bjørn Æbelø var inhabil og forlod mødet under behandlingen af punktet.',
        emphasis: true,
      },
      {
        type: 'paragraph',
        text: 'Søren præsenterede udbudsmaterialet og tidsplanen for 2027*; se bilag [A] (version 2) — pris: 5_000 kr. & moms.',
      },
      // A heading in the notes (Tiptap level 1) is written as ###.
      { type: 'heading', level: 3, text: 'Drøftelse af #risici' },
      { type: 'list', ordered: false, items: ['Leverandørbinding', 'Økonomi: usikker'] },
      { type: 'list', ordered: true, items: ['Afklar krav', '- Indhent tilbud'] },
      { type: 'paragraph', text: '1. Ikke en liste, men en sætning.' },
      // The decision's heading is a link to the register; on paper only its text is left.
      { type: 'heading', level: 3, text: 'Beslutning 2027-001: Platformen godkendes' },
      { type: 'paragraph', text: 'Rådet godkender platformen\\løsningen med forbehold for <økonomi>.' },
      { type: 'paragraph', text: 'Afstemning: 7 for, 1 imod, 0 undlod at stemme.' },
      { type: 'paragraph', text: 'Åse Ørsted ønskede sin stemme ført til protokol: Prisen er for høj.' },
      { type: 'heading', level: 2, text: ITEMS.cloud },
      { type: 'paragraph', text: 'Drøftelse', emphasis: true },
      { type: 'paragraph', text: 'Fortroligt: forhandlingsstrategien over for leverandøren.' },
      { type: 'heading', level: 2, text: ITEMS.greece },
      { type: 'paragraph', text: 'Orientering', emphasis: true },
      { type: 'paragraph', text: 'Kollegerne i Grækenland delte erfaringer.' },
      { type: 'heading', level: 2, text: 'Handlingspunkter' },
      { type: 'list', ordered: false, items: ['Send udkast til KL (Søren Ærø), 2027-03-01'] },
      { type: 'heading', level: 2, text: 'Underskrevet af' },
      { type: 'list', ordered: false, items: ['Søren Ærø, 10. februar 2027 kl. 14.30'] },
    ]);
  });

  it('shows the confidential item in the public version by its notice only', () => {
    const blocks = minutesBlocks(meetingMinutes('public'));
    const at = blocks.findIndex((b) => b.type === 'heading' && b.text === ITEMS.cloud);
    expect(blocks.slice(at, at + 3)).toEqual<Block[]>([
      { type: 'heading', level: 2, text: ITEMS.cloud },
      { type: 'paragraph', text: 'Drøftelse', emphasis: true },
      { type: 'paragraph', text: 'Fortroligt punkt. Referat og beslutning er kun tilgængelige for rådet.' },
    ]);
    expect(JSON.stringify(blocks)).not.toContain('forhandlingsstrategien');
  });

  it('gives back any text the writer escaped, character for character, line breaks included', () => {
    const nasty = [
      '1. not a list',
      '- not a bullet',
      '+ nor this',
      '# not a heading',
      '  2. indented',
      'back\\slash `code` *star* **bold** _under_ [link](x) <tag> !bang |pipe ~tilde (paren) #hash',
      '_whole line in underscores_',
      'æøå ÆØÅ é ü — “quotes” … 5 × 3 €',
    ].join('\n');
    const open = new Y.Doc();
    const closed = new Y.Doc();
    addAgendaItem(
      { open, closed },
      { id: 'i1', title: nasty.split('\n')[5], kind: 'decision', durationMinutes: 5, confidential: false },
    );
    setDecision(open, 'i1', { title: '_Titel_', text: nasty, status: 'adopted' });
    const { markdown } = renderMinutes({
      meeting: { ...MEETING, title: '# Møde *1*', location: '_Odense_' },
      content: readMeetingRecord({ open, closed }),
      open,
      closed,
      names: new Map(),
      numbers: new Map(),
      audience: 'council',
    });
    const blocks = minutesBlocks(markdown);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, text: '# Møde *1*' });
    expect(blocks[1]).toEqual({ type: 'paragraph', text: '2027-02-04 · _Odense_' });
    expect(blocks).toContainEqual({ type: 'heading', level: 2, text: `1. ${nasty.split('\n')[5]}` });
    expect(blocks).toContainEqual({ type: 'heading', level: 3, text: 'Vedtaget: _Titel_' });
    expect(blocks).toContainEqual({ type: 'paragraph', text: nasty });
  });
});

describe('minutesBlocks on the syntax alone', () => {
  it('takes a line wholly in _…_ as emphasis, and not a paragraph with italics in it', () => {
    expect(minutesBlocks('_Beslutning · Søren_')).toEqual([
      { type: 'paragraph', text: 'Beslutning · Søren', emphasis: true },
    ]);
    expect(minutesBlocks('_a_ og _b_')).toEqual([{ type: 'paragraph', text: 'a og b' }]);
    expect(minutesBlocks('_ends in a backslash\\\\_')).toEqual([
      { type: 'paragraph', text: 'ends in a backslash\\', emphasis: true },
    ]);
    expect(minutesBlocks('\\_not emphasis\\_')).toEqual([{ type: 'paragraph', text: '_not emphasis_' }]);
  });

  it('keeps deeper headings at level 3, joins a row’s continuation lines, and reads CRLF', () => {
    expect(minutesBlocks('#### Dybt\r\n\r\n- første\r\nfortsat\r\n- anden\r\n\r\n\r\n\r\nSlut')).toEqual<Block[]>([
      { type: 'heading', level: 3, text: 'Dybt' },
      { type: 'list', ordered: false, items: ['første\nfortsat', 'anden'] },
      { type: 'paragraph', text: 'Slut' },
    ]);
  });

  it('reads nothing from empty minutes', () => {
    expect(minutesBlocks('')).toEqual([]);
    expect(minutesBlocks('\n\n  \n')).toEqual([]);
  });
});
