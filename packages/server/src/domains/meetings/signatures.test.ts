import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentHash, signoffSatisfied } from './signatures.ts';

describe('contentHash', () => {
  it('is the same for a copy of the same state, and changes with any change, even one undone', () => {
    const a = new Y.Doc();
    a.getMap('attendance').set('p1', 'present');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a));
    expect(contentHash(copy)).toBe(contentHash(a));
    const before = contentHash(a);
    a.getMap('attendance').set('p1', 'absent');
    a.getMap('attendance').set('p1', 'present');
    expect(contentHash(a)).not.toBe(before);
  });
});

describe('signoffSatisfied', () => {
  it('needs nothing, more than half, or everyone present', () => {
    expect(signoffSatisfied('none', 0, 5)).toBe(true);
    expect(signoffSatisfied('quorum', 2, 5)).toBe(false);
    expect(signoffSatisfied('quorum', 3, 5)).toBe(true);
    expect(signoffSatisfied('all', 4, 5)).toBe(false);
    expect(signoffSatisfied('all', 5, 5)).toBe(true);
  });
});
