import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, newList, replaceList, replaceText } from './text.ts';

describe('collaborative text', () => {
  it('turns any text into any other with one edit between the common prefix and suffix', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const doc = new Y.Doc();
        const text = doc.getText('t');
        text.insert(0, before);
        replaceText(text, after);
        expect(text.toString()).toBe(after);
      }),
    );
  });

  it('uses the caret to tell which of equal characters was typed', () => {
    expect(diffText('ass', 'asss', 2)).toEqual({ start: 1, removed: 0, inserted: 's' });
    expect(diffText('ass', 'asss', 4)).toEqual({ start: 3, removed: 0, inserted: 's' });
    expect(diffText('asss', 'ass', 1)).toEqual({ start: 1, removed: 1, inserted: '' });
  });

  it('changes a list entry by entry, so concurrent additions both stay', () => {
    const a = new Y.Doc();
    a.getMap('m').set('tags', newList(['x']));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    replaceList(a.getMap('m').get('tags') as Y.Array<string>, ['x', 'arkitektur']);
    replaceList(b.getMap('m').get('tags') as Y.Array<string>, ['styring']);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(new Set((a.getMap('m').get('tags') as Y.Array<string>).toArray())).toEqual(
      new Set(['arkitektur', 'styring']),
    );
  });
});
