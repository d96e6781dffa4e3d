import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomId } from './randomId.ts';

const SRC = join(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('randomId', () => {
  it('makes hex ids of the asked length that differ', () => {
    expect(randomId()).toMatch(/^[0-9a-f]{8}$/);
    expect(randomId(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(Array.from({ length: 1000 }, () => randomId())).size).toBe(1000);
  });

  it('is what the web app uses: crypto.randomUUID throws outside secure contexts (plain http)', () => {
    const users = sources(SRC).filter(
      (f) => !f.endsWith('randomId.ts') && /crypto\.randomUUID\(/.test(readFileSync(f, 'utf8')),
    );
    expect(users).toEqual([]);
  });
});
