import { Id, PAPER_KINDS, PaperUpload, UpdatePaper } from '@council/shared';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { requireAuth } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import { writeArchiveZip } from './archive/archiveZip.ts';
import type { ArchiveService } from './archive/service.ts';
import type { PapersService } from './service.ts';

/** Whatever the browser says it sends, the bytes are judged; only the name travels beside them. */
const uploadOf = (req: Request) => {
  const query = parse(PaperUpload, req.query);
  const length = Number(req.headers['content-length']);
  return { ...query, declaredBytes: Number.isFinite(length) ? length : undefined };
};

const FileQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  download: z.enum(['1']).optional(),
});

const ArchiveQuery = z.object({ variant: z.enum(['council', 'public']).optional() });

export function paperRoutes(service: PapersService, archive: ArchiveService): Router {
  const router = Router();

  /** The archival PDF of an approved meeting: minutes, then the papers (PDFs merged, others listed). */
  router.get('/meetings/:id/archive.pdf', async (req, res) => {
    const { actor } = requireAuth(req);
    const built = await archive.build(actor, parse(Id, req.params.id), parse(ArchiveQuery, req.query).variant);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition('attachment', built.pdfName),
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(Buffer.from(built.pdf));
  });

  /** The archival ZIP: that PDF, the original papers, metadata.json and SHA256SUMS, streamed as it is written. */
  router.get('/meetings/:id/archive.zip', async (req, res) => {
    const { actor } = requireAuth(req);
    const built = await archive.build(actor, parse(Id, req.params.id), parse(ArchiveQuery, req.query).variant);
    res.set({
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition('attachment', built.zipName),
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await writeArchiveZip(res, {
        pdf: built.pdf,
        pdfName: built.pdfName,
        metadata: built.metadata,
        papers: built.zipPapers,
      });
    } catch (err) {
      // Headers are gone: a cut connection is how the browser learns that the download failed.
      res.destroy(err as Error);
    }
  });

  router.get('/meetings/:id/papers', async (req, res) => {
    const { actor } = requireAuth(req);
    res.json(await service.list(actor, parse(Id, req.params.id)));
  });

  /** The file is the raw body (any content type); `?name=` is its file name, `?title=` its title. */
  router.post('/meetings/:id/items/:itemId/papers', async (req, res) => {
    const { actor } = requireAuth(req);
    const meetingId = parse(Id, req.params.id);
    const itemId = parse(Id, req.params.itemId);
    res.status(201).json(await service.upload(actor, meetingId, itemId, req, uploadOf(req)));
  });

  router.post('/papers/:paperId/versions', async (req, res) => {
    const { actor } = requireAuth(req);
    res.status(201).json(await service.replace(actor, parse(Id, req.params.paperId), req, uploadOf(req)));
  });

  router.patch('/papers/:paperId', async (req, res) => {
    const { actor } = requireAuth(req);
    res.json(await service.update(actor, parse(Id, req.params.paperId), parse(UpdatePaper, req.body)));
  });

  router.delete('/papers/:paperId', async (req, res) => {
    const { actor } = requireAuth(req);
    res.json(await service.remove(actor, parse(Id, req.params.paperId)));
  });

  router.post('/papers/:paperId/restore', async (req, res) => {
    const { actor } = requireAuth(req);
    res.json(await service.restore(actor, parse(Id, req.params.paperId)));
  });

  /**
   * The one route that serves a paper's bytes. The type is the one judged at upload; the browser
   * must not guess another (nosniff), and the response may run nothing (a sandbox). Only PDFs and
   * images are shown inline; everything else downloads.
   */
  router.get('/papers/:paperId/file', async (req, res) => {
    const { actor } = requireAuth(req);
    const query = parse(FileQuery, req.query);
    const { version, open } = await service.file(actor, parse(Id, req.params.paperId), query.version);
    const kind = PAPER_KINDS[version.kind];
    const disposition = kind.inline && !query.download ? 'inline' : 'attachment';
    res.set({
      'Content-Type': kind.mime,
      'Content-Disposition': contentDisposition(disposition, version.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Accept-Ranges': 'bytes',
      ETag: `"${version.sha256}"`,
    });
    // The PDF viewer asks for ranges, so that a long paper's first pages show before the rest arrives.
    const range = byteRange(req.headers.range, version.size);
    if (range === 'unsatisfiable') {
      res.status(416).set('Content-Range', `bytes */${version.size}`).end();
      return;
    }
    if (range) res.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${version.size}`);
    res.set('Content-Length', String(range ? range.end - range.start + 1 : version.size));
    const stream = open(range ?? undefined);
    stream.on('error', (err) => res.destroy(err));
    stream.pipe(res);
  });

  return router;
}

/**
 * One byte range of `Range: bytes=…` (RFC 9110): `a-b`, `a-` or `-n`, clamped to the file; null
 * for none or for several (the whole file is then sent, which a client must accept).
 */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const [, first = '', last = ''] = match;
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** An ASCII fallback name and the exact UTF-8 one (RFC 6266), neither able to break out of the header. */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
