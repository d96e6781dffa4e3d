import { z } from 'zod';
import { Id, IsoDateTime } from './primitives.ts';

/**
 * Meeting papers (bilag): files on agenda items. The server judges a file's kind by its bytes, never
 * by its name or the browser's word, and accepts only these; `extensions` are the names a file of
 * the kind may have (a mismatch is refused). Only PDFs and images are ever shown inline.
 */
export const PAPER_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], inline: true },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    inline: false,
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    inline: false,
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    inline: false,
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], inline: false },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], inline: false },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], inline: false },
  png: { mime: 'image/png', extensions: ['png'], inline: true },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true },
  txt: { mime: 'text/plain; charset=utf-8', extensions: ['txt'], inline: false },
  csv: { mime: 'text/csv; charset=utf-8', extensions: ['csv'], inline: false },
} as const;
export type PaperKind = keyof typeof PAPER_KINDS;
export const PaperKind = z.enum(Object.keys(PAPER_KINDS) as [PaperKind, ...PaperKind[]]);

/** What the file picker offers; the server decides regardless. */
export const PAPER_ACCEPT = Object.values(PAPER_KINDS)
  .flatMap((k) => k.extensions.map((e) => `.${e}`))
  .join(',');

/**
 * Whether the paper's text went into the search index: `pending` until the worker has read it,
 * `failed` when it could not (the file is kept and listed, and flagged), `none` for kinds that
 * have no text to read (images, spreadsheets, presentations).
 */
export const EXTRACTION_STATES = ['pending', 'done', 'failed', 'none'] as const;
export const ExtractionState = z.enum(EXTRACTION_STATES);
export type ExtractionState = z.infer<typeof ExtractionState>;

export const PaperVersion = z.object({
  version: z.number().int().min(1),
  fileName: z.string(),
  kind: PaperKind,
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: IsoDateTime,
  uploadedBy: z.object({ id: Id, name: z.string() }),
  extraction: ExtractionState,
  /** Pages of text read from it (a PDF's pages; one for a text document). */
  pages: z.number().int().min(0).nullable(),
});
export type PaperVersion = z.infer<typeof PaperVersion>;

export const Paper = z.object({
  id: Id,
  meetingId: Id,
  itemId: Id,
  title: z.string(),
  /** The newest version; `versions` lists every one, newest first. */
  current: PaperVersion,
  versions: z.array(PaperVersion),
  removedAt: IsoDateTime.nullable(),
  removedBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type Paper = z.infer<typeof Paper>;

export const MeetingPapers = z.object({
  /** The papers the reader may see, in agenda order, then in each item's order. */
  papers: z.array(Paper),
  /** Removed papers, for those who may restore them; empty for everyone else. */
  removed: z.array(Paper),
  /** Bytes the meeting's papers take, every version counted, and the most they may take. */
  usedBytes: z.number().int().min(0),
  limitBytes: z.number().int().min(0),
  /** Most bytes one file may have. */
  fileLimitBytes: z.number().int().min(0),
});
export type MeetingPapers = z.infer<typeof MeetingPapers>;

export const PAPER_TITLE_MAX = 200;

/** A PATCH: renames it, or moves it within its item (0 first). Only the named fields change. */
export const UpdatePaper = z
  .object({
    title: z.string().trim().min(1).max(PAPER_TITLE_MAX).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.position !== undefined, 'Name a field to change.');
export type UpdatePaper = z.infer<typeof UpdatePaper>;

/** The query of an upload: the file's name (its bytes are the body) and, optionally, its title. */
export const PaperUpload = z.object({
  name: z.string().trim().min(1).max(255),
  title: z.string().trim().min(1).max(PAPER_TITLE_MAX).optional(),
});
