import { describe, expect, it } from 'vitest';
import { candidatePieces, editDistance, maxEdits, nearest } from './spelling.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('arkitekur', 'arkitektur', 2)).toBe(1); // a letter left out
    expect(editDistance('kommisorium', 'kommissorium', 2)).toBe(1);
    expect(editDistance('gevinstrealisring', 'gevinstrealisering', 2)).toBe(1);
    expect(editDistance('arkitketur', 'arkitektur', 2)).toBe(1); // two letters swapped
    expect(editDistance('mode', 'møde', 2)).toBe(1); // å, æ, ø are letters like any other
    expect(editDistance('arkitektur', 'arkitektur', 2)).toBe(0);
    expect(editDistance('akritketur', 'arkitektur', 2)).toBe(2);
  });

  it('stops at the bound: anything beyond it is max + 1', () => {
    expect(editDistance('arkitektur', 'botanikeren', 2)).toBe(3);
    expect(editDistance('kort', 'kortlægningen', 2)).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('maxEdits', () => {
  it('allows none below four letters, one up to seven and two from eight', () => {
    expect([3, 4, 7, 8, 17].map(maxEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('candidatePieces', () => {
  it('anchors the first and last letters with bars, and adds a middle piece for two edits', () => {
    expect(candidatePieces('arkitekur', 1)).toEqual(['|arki', 'ekur|']);
    expect(candidatePieces('arkitekur', 2)).toEqual(['|ar', 'ite', 'ur|']);
    expect(candidatePieces('gevinstrealisring', 2)).toEqual(['|gevin', 'treal', 'sring|']);
    expect(candidatePieces('møde', 1)).toEqual(['|mø', 'de|']);
  });

  it('leaves at least one piece whole in every word within the edits allowed', () => {
    // Every single edit of "arkitektur", and a sample of double edits, keeps one piece intact.
    const word = 'arkitektur';
    const letters = 'abdeikrtuø';
    const edits = new Set<string>();
    for (let i = 0; i <= word.length; i++) {
      if (i < word.length) edits.add(word.slice(0, i) + word.slice(i + 1));
      if (i < word.length - 1) edits.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      for (const l of letters) {
        edits.add(word.slice(0, i) + l + word.slice(i));
        if (i < word.length) edits.add(word.slice(0, i) + l + word.slice(i + 1));
      }
    }
    const found = (typo: string, n: number) => candidatePieces(typo, n).some((piece) => `|${word}|`.includes(piece));
    for (const typo of edits) expect(found(typo, 1), typo).toBe(true);
    for (const typo of ['akritektor', 'arkitekutr', 'xrkitektux', 'arkitektur'.replace('kt', 'k')])
      expect(found(typo, 2), typo).toBe(true);
  });
});

describe('nearest', () => {
  const vocabulary = [
    { word: 'arkitektur', docs: 40 },
    { word: 'arkitektens', docs: 2 },
    { word: 'kommissorium', docs: 3 },
    { word: 'kommissorier', docs: 9 },
  ];

  it('picks the fewest edits, then the most used word', () => {
    expect(nearest('arkitekur', vocabulary, 2)?.word).toBe('arkitektur');
    expect(nearest('kommisorium', vocabulary, 2)?.word).toBe('kommissorium');
    expect(nearest('kommisorier', vocabulary, 2)?.word).toBe('kommissorier');
    expect(nearest('komissori', [...vocabulary, { word: 'kommissori', docs: 1 }], 2)?.word).toBe('kommissori');
  });

  it('finds nothing beyond the edits allowed, and never the word itself', () => {
    expect(nearest('botanik', vocabulary, 1)).toBeNull();
    expect(nearest('arkitektur', vocabulary, 2)).toBeNull();
  });
});
