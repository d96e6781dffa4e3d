import { describe, expect, it } from 'vitest';
import { messages } from './i18n/index.ts';
import { readRecordOfVote } from './proceedings.ts';
import { CreatePerson, LoginRequest } from './schemas.ts';

describe('schemas', () => {
  it('validates sign-in bodies', () => {
    expect(LoginRequest.safeParse({ email: 'mette@aarhus.dk', password: 'x' }).success).toBe(true);
    expect(LoginRequest.safeParse({ email: 'mette', password: 'x' }).success).toBe(false);
    expect(LoginRequest.safeParse({ email: 'mette@aarhus.dk', password: '' }).success).toBe(false);
  });

  it('fills defaults for a new person and refuses short passwords and unknown roles', () => {
    const parsed = CreatePerson.parse({ email: 'a@b.dk', name: ' Ida ', role: 'observer', password: 'ten chars!' });
    expect(parsed).toMatchObject({ name: 'Ida', organisation: '', competencies: [] });
    expect(CreatePerson.safeParse({ email: 'a@b.dk', name: 'Ida', role: 'observer', password: 'short' }).success).toBe(
      false,
    );
    expect(CreatePerson.safeParse({ email: 'a@b.dk', name: 'Ida', role: 'king', password: 'ten chars!' }).success).toBe(
      false,
    );
  });
});

describe('message catalogues', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

  it('have the same keys in Danish and English', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages.da).sort());
  });

  it('have no empty message', () => {
    for (const catalogue of [messages.da, messages.en]) {
      for (const key of keys(catalogue)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogue);
        expect(value, key).not.toBe('');
      }
    }
  });
});

describe('readRecordOfVote', () => {
  it('reads a stored vote, and reads a malformed or missing one as none rather than throwing', () => {
    const stored = {
      vote: { mode: 'counts', for: 2, against: 1, abstain: 0, ballots: [] },
      dissents: [{ personId: 'm8', name: 'Søren Krogh', text: 'Imod.' }],
      conflicts: [],
    };
    expect(readRecordOfVote(JSON.stringify(stored))).toEqual(stored);
    for (const bad of [null, '', '{', '[]', '{"vote":{"mode":"named","for":-1}}', '{"dissents":"x"}']) {
      expect(readRecordOfVote(bad), String(bad)).toBeNull();
    }
  });
});
