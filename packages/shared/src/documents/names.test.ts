import { describe, expect, it } from 'vitest';
import { type DocumentRef, documentName, parseDocumentName } from './names.ts';

describe('document names', () => {
  const refs: [string, DocumentRef][] = [
    ['meeting:m-1', { kind: 'meeting', meetingId: 'm-1' }],
    ['meeting:m-1:closed', { kind: 'meetingClosed', meetingId: 'm-1' }],
    ['group:g_2', { kind: 'group', groupId: 'g_2' }],
    ['plan:p-2026', { kind: 'plan', planId: 'p-2026' }],
  ];

  it.each(refs)('parses and builds %s', (name, ref) => {
    expect(parseDocumentName(name)).toEqual(ref);
    expect(documentName(ref)).toBe(name);
  });

  it.each([
    '',
    'meeting:',
    'meeting:a:b',
    'meeting:../x',
    'group:a b',
    'plan:x:closed',
    'user:1',
    `meeting:${'a'.repeat(65)}`,
  ])('rejects %j', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
});
