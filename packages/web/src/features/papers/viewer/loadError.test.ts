import { describe, expect, it } from 'vitest';
import { loadFailure, mayDownload, mayRetry } from './loadError.ts';

// pdf.js's exceptions as they reach the main thread: an Error with a name (and a status for HTTP).
const pdfError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('pdf.js'), { name, ...extra });

describe('loadFailure', () => {
  it('tells a refusal, a missing file and a broken or locked file apart', () => {
    expect(loadFailure(pdfError('ResponseException', { status: 403 }))).toBe('forbidden');
    expect(loadFailure(pdfError('ResponseException', { status: 401 }))).toBe('forbidden');
    expect(loadFailure(pdfError('ResponseException', { status: 404 }))).toBe('notFound');
    expect(loadFailure(pdfError('ResponseException', { status: 0 }))).toBe('network');
    expect(loadFailure(pdfError('ResponseException', { status: 500 }))).toBe('unknown');
    expect(loadFailure(pdfError('PasswordException', { code: 1 }))).toBe('password');
    expect(loadFailure(pdfError('InvalidPDFException'))).toBe('invalid');
    expect(loadFailure(Object.assign(pdfError('UnknownErrorException'), { message: 'Failed to fetch' }))).toBe(
      'network',
    );
    expect(loadFailure(new TypeError('Failed to fetch'))).toBe('network');
    expect(loadFailure('?')).toBe('unknown');
  });

  it('offers trying again only where it may help, and the file where another program may open it', () => {
    expect(mayRetry('network')).toBe(true);
    expect(mayRetry('forbidden')).toBe(false);
    expect(mayDownload('password')).toBe(true);
    expect(mayDownload('notFound')).toBe(false);
  });
});
