import { describe, expect, it } from 'vitest';
import { fitWidth, MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut } from './zoom.ts';

describe('zoom', () => {
  it('steps in and out from any zoom, stopping at the ends', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomIn(0.47)).toBe(0.5);
    expect(zoomOut(0.47)).toBe(0.33);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
  });

  it('fits the width without passing it, within the range', () => {
    expect(fitWidth(816, 816)).toBe(1);
    expect(fitWidth(350, 816)).toBe(0.42);
    expect(fitWidth(100, 816)).toBe(MIN_ZOOM);
    expect(fitWidth(0, 816)).toBe(1);
  });
});
