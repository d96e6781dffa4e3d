import type { ErrorBody, Paper } from '@council/shared';
import { ApiError } from '../../api/client.ts';

/** Where a file goes: a new paper on an item, or a new version of a paper. */
export type UploadTarget = { meetingId: string; itemId: string } | { paperId: string };

const urlOf = (target: UploadTarget, name: string) => {
  const query = `?name=${encodeURIComponent(name)}`;
  return 'paperId' in target
    ? `/api/papers/${encodeURIComponent(target.paperId)}/versions${query}`
    : `/api/meetings/${encodeURIComponent(target.meetingId)}/items/${encodeURIComponent(target.itemId)}/papers${query}`;
};

/**
 * Sends one file as the request's body. XMLHttpRequest, not fetch: only it reports upload
 * progress. The body is the file itself, streamed by the browser; the server judges its bytes.
 */
export function uploadPaper(
  target: UploadTarget,
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Paper> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf(target, file.name));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Paper);
      const error = (body as ErrorBody | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'internal', error?.message ?? xhr.statusText, error?.issues));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The rule an upload broke (`type_mismatch`, `file_too_large` …) and the limit it names, if any. */
export function uploadRule(error: unknown): { rule: string; limitBytes?: number } | null {
  if (!(error instanceof ApiError)) return null;
  const issue = (error.issues as { params?: { rule?: string; limitBytes?: number } }[])[0];
  return issue?.params?.rule ? { rule: issue.params.rule, limitBytes: issue.params.limitBytes } : null;
}
