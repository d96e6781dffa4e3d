import { buffer } from 'node:stream/consumers';
import { type Actor, mayReadConfidential, messages, type Paper, RECORD_LOCALE, readAgenda } from '@council/shared';
import { conflict, forbidden, notFound } from '../../../http/errors.ts';
import type { MeetingsService } from '../../meetings/service.ts';
import type { Repos } from '../../repos.ts';
import type { BlobStore } from '../blobStore.ts';
import type { PapersRepo } from '../repo.ts';
import { safeFileName } from '../service.ts';
import { composeArchivePdf } from './archivePdf.ts';
import type { ArchiveZipPaper } from './archiveZip.ts';
import { minutesBlocks } from './minutesBlocks.ts';

export type ArchiveVariant = 'council' | 'public';

/** One paper as the archive has it: where it belongs, and where it goes in the ZIP. */
interface ArchivedPaper {
  paper: Paper;
  itemLabel: string;
  path: string;
}

/**
 * The archival export of an approved meeting (for the archive, and for requests for access to
 * documents): one PDF of the approved minutes and the papers, and a ZIP of that PDF, the original
 * papers, their metadata and checksums. The council's variant has everything; the public one leaves
 * confidential items' papers out, and its minutes are the public minutes. A variant is only made for
 * those who may read it.
 */
export class ArchiveService {
  constructor(
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly papers: PapersRepo,
    private readonly blobs: BlobStore,
  ) {}

  async build(actor: Actor, meetingId: string, asked?: ArchiveVariant) {
    const meeting = await this.meetings.visible(actor, meetingId);
    const variant = asked ?? (mayReadConfidential(actor) ? 'council' : 'public');
    if (variant === 'council' && !mayReadConfidential(actor))
      throw forbidden('The council’s variant has confidential items: ask for the public one.');
    if (meeting.status !== 'approved')
      throw conflict('The archive is made of approved minutes: approve the minutes first.');
    const minutes = await this.repos.minutes.get(meetingId, variant);
    if (!minutes) throw notFound('Approved minutes');

    const archived = await this.archivedPapers(meetingId, variant);
    const generatedAt = new Date().toISOString();
    const pdf = await composeArchivePdf({
      title: meeting.title,
      subtitle: `${meeting.startsAt.slice(0, 10)} · ${meeting.location}`,
      variant,
      generatedAt,
      minutes: minutesBlocks(minutes.markdown),
      papers: archived.map(({ paper, itemLabel }) => ({
        itemLabel,
        title: paper.title,
        fileName: paper.current.fileName,
        kind: paper.current.kind,
        sha256: paper.current.sha256,
        size: paper.current.size,
        read: () => buffer(this.blobs.open(paper.current.sha256)).then((b) => new Uint8Array(b)),
      })),
      labels: messages[RECORD_LOCALE].records.archive,
    });
    // A title is no path: "Rådsmøde 3/2027" becomes "Rådsmøde 3-2027 - arkiv.pdf".
    const baseName = `${meeting.title.replace(/[\\/]/g, '-')} - ${variant === 'council' ? 'arkiv' : 'arkiv (offentlig)'}`;
    return {
      meeting,
      variant,
      pdf: pdf.bytes,
      pdfName: safeFileName(`${baseName}.pdf`),
      zipName: safeFileName(`${baseName}.zip`),
      metadata: {
        meeting: {
          id: meeting.id,
          title: meeting.title,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
          location: meeting.location,
        },
        variant,
        generatedAt,
        minutes: { version: minutes.version, approvedAt: minutes.approvedAt },
        decisions: meeting.decisions,
        papers: archived.map(({ paper, itemLabel, path }, index) => ({
          item: itemLabel,
          title: paper.title,
          fileName: paper.current.fileName,
          kind: paper.current.kind,
          size: paper.current.size,
          sha256: paper.current.sha256,
          version: paper.current.version,
          uploadedAt: paper.current.uploadedAt,
          uploadedBy: paper.current.uploadedBy.name,
          path,
          inArchivePdf: pdf.papers[index]?.merged ?? false,
        })),
      },
      zipPapers: archived.map(
        ({ paper, path }): ArchiveZipPaper => ({
          path,
          sha256: paper.current.sha256,
          open: () => this.blobs.open(paper.current.sha256),
        }),
      ),
    };
  }

  /** The papers of the items the variant shows, in agenda order, each item's in their order. */
  private async archivedPapers(meetingId: string, variant: ArchiveVariant): Promise<ArchivedPaper[]> {
    const { open } = await this.meetings.readParts(meetingId);
    const agenda = readAgenda(open);
    const all = this.papers.forMeeting(meetingId).filter((p) => !p.removedAt);
    return agenda.flatMap((item, index) => {
      if (item.confidential && variant === 'public') return [];
      const number = String(index + 1).padStart(2, '0');
      return all
        .filter((p) => p.itemId === item.id)
        .map((paper, order) => ({
          paper,
          itemLabel: `${index + 1}. ${item.title}`,
          path: `bilag/${number}-${String(order + 1).padStart(2, '0')} ${paper.current.fileName}`,
        }));
    });
  }
}
