import { describe, expect, it } from 'vitest';
import { assignColors, PRESENCE_COLORS } from './presenceColors.ts';

describe('assignColors', () => {
  it('gives everyone present a different colour while there are enough colours', () => {
    // 200 ids hash onto 10 colours: many collide, and still every set of up to 10 is distinct.
    const ids = Array.from({ length: 200 }, (_, i) => `person-${i}`);
    for (let start = 0; start + 10 <= ids.length; start += 7) {
      const colors = assignColors(ids.slice(start, start + 10));
      expect(new Set(colors.values()).size).toBe(10);
    }
  });

  it('is the same whichever client computes it, in whatever order it saw people arrive', () => {
    const ids = ['m4', 'a13', 'c1', 'g7', 'x'];
    expect(assignColors([...ids].reverse())).toEqual(assignColors(ids));
  });

  it('shares colours only beyond the palette', () => {
    const many = assignColors(Array.from({ length: PRESENCE_COLORS.length + 3 }, (_, i) => `p${i}`));
    expect(new Set(many.values()).size).toBe(PRESENCE_COLORS.length);
  });
});
