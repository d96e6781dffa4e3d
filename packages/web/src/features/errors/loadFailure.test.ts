import { describe, expect, it } from 'vitest';
import { claimAutomaticReload, isLoadFailure, RELOAD_GUARD_MS } from './loadFailure.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
  };
}

describe('isLoadFailure', () => {
  it('recognises a page whose code could not be fetched, in every browser', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://localhost/assets/MeetingPage-abc.js',
      'error loading dynamically imported module: http://localhost/assets/MeetingPage-abc.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/GroupPage-C6l3md4j.css',
      'Loading chunk 42 failed.',
    ])
      expect(isLoadFailure(new TypeError(message)), message).toBe(true);
    expect(isLoadFailure(Object.assign(new Error('x'), { name: 'ChunkLoadError' }))).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isLoadFailure(new TypeError("Cannot read properties of undefined (reading 'title')"))).toBe(false);
    expect(isLoadFailure(new Error('boom'))).toBe(false);
    expect(isLoadFailure('Failed to fetch dynamically imported module')).toBe(false);
    expect(isLoadFailure(null)).toBe(false);
  });
});

describe('claimAutomaticReload', () => {
  it('reloads once, then not again within the guard, then again after it', () => {
    const storage = memoryStorage();
    expect(claimAutomaticReload(storage, 1_000_000)).toBe(true);
    expect(claimAutomaticReload(storage, 1_000_000 + 1)).toBe(false);
    expect(claimAutomaticReload(storage, 1_000_000 + RELOAD_GUARD_MS - 1)).toBe(false);
    expect(claimAutomaticReload(storage, 1_000_000 + RELOAD_GUARD_MS)).toBe(true);
  });

  it('never reloads by itself where it cannot remember having done so', () => {
    expect(claimAutomaticReload(null, 1)).toBe(false);
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(claimAutomaticReload(refusing, 1)).toBe(false);
  });
});
