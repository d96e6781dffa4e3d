import type { MeetingPapers, Paper } from '@council/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** A meeting's papers; the change feed refetches it when anyone adds, changes or removes one. */
export function usePapers(meetingId: string) {
  return useQuery<MeetingPapers>({ queryKey: ['papers', meetingId], queryFn: () => api.papers(meetingId) });
}

/** The papers of each item, in their order. */
export function papersByItem(papers: Paper[]): Map<string, Paper[]> {
  const byItem = new Map<string, Paper[]>();
  for (const paper of papers) byItem.set(paper.itemId, [...(byItem.get(paper.itemId) ?? []), paper]);
  return byItem;
}

/** Where a paper is read: the viewer page for PDFs and images, the file itself (a download) for the rest. */
export const paperHref = (paper: Paper) =>
  paper.current.kind === 'pdf' || paper.current.kind === 'png' || paper.current.kind === 'jpeg'
    ? `/meetings/${paper.meetingId}/papers/${paper.id}`
    : `/api/papers/${paper.id}/file`;

export const fileUrl = (paperId: string, version?: number, download = false) => {
  const query = new URLSearchParams();
  if (version) query.set('version', String(version));
  if (download) query.set('download', '1');
  const text = query.toString();
  return `/api/papers/${encodeURIComponent(paperId)}/file${text ? `?${text}` : ''}`;
};
