import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  type Actor,
  type AgendaItem,
  can,
  type MeetingPapers,
  PAPER_KINDS,
  type Paper,
  type PaperKind,
  type Resource,
  readAgenda,
  type UpdatePaper,
  type ValidationRule,
} from '@council/shared';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../http/errors.ts';
import { invalid } from '../../http/validate.ts';
import type { Outbox } from '../../outbox/Outbox.ts';
import type { MeetingRow } from '../meetings/repo.ts';
import { meetingResource } from '../meetings/resource.ts';
import type { MeetingsService } from '../meetings/service.ts';
import type { Repos } from '../repos.ts';
import { type BlobStore, BlobTooLarge, type StagedBlob } from './blobStore.ts';
import { extensionOf, inspectFile } from './fileType.ts';
import { PapersRepo } from './repo.ts';

export interface PaperLimits {
  /** Most bytes one file may have. */
  fileBytes: number;
  /** Most bytes a meeting's papers may take together, every version counted. */
  meetingBytes: number;
}

/** Kinds whose text the extraction worker reads into the search index; the others have none to read. */
const EXTRACTED: readonly PaperKind[] = ['pdf', 'docx', 'odt', 'txt', 'csv'];

interface Context {
  meeting: MeetingRow;
  item: AgendaItem;
  resource: Extract<Resource, { type: 'papers' }>;
}

/**
 * Meeting papers (bilag) on agenda items. A paper is as visible as its item (a confidential item's
 * papers are the council's); the council adds, renames, moves, replaces and removes them until the
 * minutes are approved. An upload is received into the blob store's staging area, judged by its
 * bytes, made durable, and only then recorded and acknowledged: what is refused or cut short leaves
 * nothing behind, and what is acknowledged survives a crash.
 */
export class PapersService {
  readonly repo: PapersRepo;

  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly meetings: MeetingsService,
    private readonly blobs: BlobStore,
    private readonly outbox: Outbox,
    private readonly limits: PaperLimits,
    /** Tells the extraction worker there is text to read. */
    private readonly extract: () => void,
  ) {
    this.repo = new PapersRepo(db);
  }

  /** The papers the actor may see, in agenda order; removed ones for those who may restore them. */
  async list(actor: Actor, meetingId: string): Promise<MeetingPapers> {
    const meeting = await this.meetings.visible(actor, meetingId);
    const agenda = await this.agenda(meetingId);
    const all = this.repo.forMeeting(meetingId);
    const visible = (paper: Paper) => {
      const item = agenda.get(paper.itemId);
      return item !== undefined && can(actor, 'read', this.resource(meeting, item.item));
    };
    const order = (p: Paper) => agenda.get(p.itemId)?.index ?? 0;
    const sorted = all.filter(visible).sort((a, b) => order(a) - order(b));
    const editable = can(actor, 'edit', { type: 'papers', status: meeting.status, confidential: false });
    return {
      papers: sorted.filter((p) => !p.removedAt),
      removed: editable ? sorted.filter((p) => p.removedAt) : [],
      usedBytes: this.repo.usedBytes(meetingId),
      limitBytes: this.limits.meetingBytes,
      fileLimitBytes: this.limits.fileBytes,
    };
  }

  /** A new paper on an item, from the request's body; the file's name is given with it. */
  async upload(
    actor: Actor,
    meetingId: string,
    itemId: string,
    body: Readable,
    file: { name: string; title?: string; declaredBytes?: number },
  ): Promise<Paper> {
    await this.editable(actor, meetingId, itemId);
    const fileName = safeFileName(file.name);
    const staged = await this.receive(meetingId, body, fileName, file.declaredBytes);
    try {
      const kind = await this.judge(staged, fileName);
      // The meeting may have been approved, or the item removed, while the file arrived.
      await this.editable(actor, meetingId, itemId);
      await staged.commit();
      const id = `p-${randomUUID().slice(0, 8)}`;
      const at = new Date().toISOString();
      await inTransaction(this.db, async () => {
        this.repo.create(
          { id, meetingId, itemId, title: file.title ?? titleOf(fileName), by: actor.id, at },
          this.version(staged, kind, fileName, actor, at),
        );
        this.outbox.add('papers.index', { meetingId });
        await this.repos.audit.record(actor.id, 'paper.upload', `meeting:${meetingId}`, {
          paperId: id,
          itemId,
          fileName,
          sha256: staged.sha256,
        });
      });
      this.afterCommit();
      return this.found(id);
    } finally {
      staged.discard();
    }
  }

  /** A new version of a paper: the old ones stay listed, the newest is the paper. */
  async replace(actor: Actor, paperId: string, body: Readable, file: { name: string; declaredBytes?: number }) {
    const paper = await this.editablePaper(actor, paperId);
    const fileName = safeFileName(file.name);
    const staged = await this.receive(paper.meetingId, body, fileName, file.declaredBytes);
    try {
      const kind = await this.judge(staged, fileName);
      await this.editablePaper(actor, paperId);
      await staged.commit();
      const at = new Date().toISOString();
      await inTransaction(this.db, async () => {
        const version = this.repo.addVersion(paperId, this.version(staged, kind, fileName, actor, at));
        this.outbox.add('papers.index', { meetingId: paper.meetingId });
        await this.repos.audit.record(actor.id, 'paper.replace', `meeting:${paper.meetingId}`, {
          paperId,
          version,
          fileName,
          sha256: staged.sha256,
        });
      });
      this.afterCommit();
      return this.found(paperId);
    } finally {
      staged.discard();
    }
  }

  /** Renames or moves a paper; only the fields named change. */
  async update(actor: Actor, paperId: string, patch: UpdatePaper): Promise<Paper> {
    const paper = await this.editablePaper(actor, paperId);
    await inTransaction(this.db, async () => {
      if (patch.title !== undefined) this.repo.rename(paperId, patch.title);
      if (patch.position !== undefined) this.repo.move(paperId, paper.meetingId, paper.itemId, patch.position);
      this.outbox.add('papers.index', { meetingId: paper.meetingId });
      await this.repos.audit.record(actor.id, 'paper.update', `meeting:${paper.meetingId}`, { paperId, ...patch });
    });
    this.afterCommit();
    return this.found(paperId);
  }

  /** Removes a paper from its item, softly: it is listed as removed and can be restored until approval. */
  async remove(actor: Actor, paperId: string): Promise<Paper> {
    return this.setRemoved(actor, paperId, true);
  }

  async restore(actor: Actor, paperId: string): Promise<Paper> {
    return this.setRemoved(actor, paperId, false);
  }

  /** A version's bytes, for those who may read the paper (404 for everyone else, as if it did not exist). */
  async file(actor: Actor, paperId: string, version?: number) {
    const paper = this.repo.byId(paperId);
    if (!paper) throw notFound('Paper');
    const { meeting, item } = await this.context(actor, paper.meetingId, paper.itemId);
    if (!can(actor, 'read', this.resource(meeting, item))) throw notFound('Paper');
    const found = version === undefined ? paper.current : paper.versions.find((v) => v.version === version);
    if (!found) throw notFound('Version');
    return {
      paper,
      version: found,
      open: (range?: { start: number; end: number }) => this.blobs.open(found.sha256, range),
    };
  }

  private async setRemoved(actor: Actor, paperId: string, removed: boolean): Promise<Paper> {
    const paper = await this.editablePaper(actor, paperId, true);
    if (Boolean(paper.removedAt) === removed) return paper;
    await inTransaction(this.db, async () => {
      this.repo.setRemoved(paperId, removed ? { by: actor.id, at: new Date().toISOString() } : null);
      // Restored, it goes last among its item's papers.
      if (!removed) this.repo.move(paperId, paper.meetingId, paper.itemId, Number.MAX_SAFE_INTEGER);
      this.outbox.add('papers.index', { meetingId: paper.meetingId });
      await this.repos.audit.record(
        actor.id,
        removed ? 'paper.remove' : 'paper.restore',
        `meeting:${paper.meetingId}`,
        {
          paperId,
          title: paper.title,
        },
      );
    });
    this.afterCommit();
    return this.found(paperId);
  }

  /** Receives the body into staging, within the file limit and what the meeting has left. */
  private async receive(meetingId: string, body: Readable, fileName: string, declared?: number): Promise<StagedBlob> {
    if (!extensionOf(fileName)) {
      body.resume();
      throw invalid(
        ['file'],
        'The file name has no extension (such as .pdf); rename it and try again.',
        'type_mismatch',
      );
    }
    const left = Math.max(0, this.limits.meetingBytes - this.repo.usedBytes(meetingId));
    const limit = Math.min(this.limits.fileBytes, left);
    const tooLarge = () =>
      limit === this.limits.fileBytes
        ? tooLargeError('file_too_large', `The file is larger than ${megabytes(limit)} MB.`, limit)
        : tooLargeError(
            'meeting_papers_full',
            `The meeting's papers may take ${megabytes(this.limits.meetingBytes)} MB in all; ${megabytes(left)} MB is left.`,
            left,
          );
    // Refused before a byte is read, when the browser says how large it is.
    if (declared !== undefined && declared > limit) throw tooLarge();
    try {
      return await this.blobs.stage(body, limit);
    } catch (error) {
      if (error instanceof BlobTooLarge) throw tooLarge();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        throw new HttpError(503, 'internal', 'The server cannot store files now: its disk is full.');
      // The browser went away mid-file: nothing was stored, and nobody is left to tell but the log.
      if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || body.destroyed)
        throw badRequest('The upload was cut off before the whole file arrived; nothing was stored.');
      throw error;
    }
  }

  private async judge(staged: StagedBlob, fileName: string): Promise<PaperKind> {
    const inspection = await inspectFile(staged.path, fileName);
    if (!inspection.ok) throw invalid(['file'], inspection.message, inspection.rule);
    return inspection.kind;
  }

  private version(staged: StagedBlob, kind: PaperKind, fileName: string, actor: Actor, at: string) {
    return {
      sha256: staged.sha256,
      size: staged.size,
      kind,
      fileName,
      uploadedBy: actor.id,
      uploadedAt: at,
      extraction: EXTRACTED.includes(kind) ? ('pending' as const) : ('none' as const),
    };
  }

  /** Whoever has the meeting open hears of it from the change feed; the search index and the worker follow. */
  private afterCommit(): void {
    void this.outbox.drain();
    this.extract();
  }

  private found(paperId: string): Paper {
    const paper = this.repo.byId(paperId);
    if (!paper) throw notFound('Paper');
    return paper;
  }

  private async editablePaper(actor: Actor, paperId: string, includeRemoved = false): Promise<Paper> {
    const paper = this.repo.byId(paperId);
    if (!paper || (paper.removedAt && !includeRemoved)) throw notFound('Paper');
    await this.editable(actor, paper.meetingId, paper.itemId);
    return paper;
  }

  /** 404 for what the actor may not see, 403 for a role that never edits papers, 409 once frozen. */
  private async editable(actor: Actor, meetingId: string, itemId: string): Promise<Context> {
    const context = await this.context(actor, meetingId, itemId);
    if (!can(actor, 'read', context.resource)) throw notFound('Agenda item');
    if (!can(actor, 'edit', { ...context.resource, status: 'draft' }))
      throw forbidden('You may not change the papers.');
    if (!can(actor, 'edit', context.resource)) {
      throw conflict(
        context.meeting.status === 'approved'
          ? 'The minutes are approved and their papers frozen; reopen them to make changes.'
          : `The meeting is ${context.meeting.status}; its papers can no longer change.`,
      );
    }
    return context;
  }

  private async context(actor: Actor, meetingId: string, itemId: string): Promise<Context> {
    const meeting = await this.meetings.visible(actor, meetingId);
    const item = (await this.agenda(meetingId)).get(itemId)?.item;
    if (!item) throw notFound('Agenda item');
    return { meeting, item, resource: this.resource(meeting, item) };
  }

  private resource(meeting: MeetingRow, item: AgendaItem): Extract<Resource, { type: 'papers' }> {
    return { ...meetingResource(meeting, this.repos.reviews), type: 'papers', confidential: item.confidential };
  }

  /** The live agenda's items (removed ones left out: their papers go and come back with them). */
  private async agenda(meetingId: string): Promise<Map<string, { item: AgendaItem; index: number }>> {
    const { open } = await this.meetings.readParts(meetingId);
    return new Map(readAgenda(open).map((item, index) => [item.id, { item, index }]));
  }
}

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

function tooLargeError(rule: ValidationRule, message: string, limitBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', message, [
    { code: 'custom', path: ['file'], message, params: { rule, limitBytes } },
  ]);
}

/** A name that is safe to keep and to send back: no folders, no control characters, no quotes, not too long. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|*?:'.includes(c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (clean.length <= 200) return clean || 'fil';
  const extension = extensionOf(clean);
  return `${clean.slice(0, 190)}.${extension.slice(0, 8)}`;
}

/** A paper's title starts as its file name without the extension. */
const titleOf = (fileName: string) => fileName.replace(/\.[^.]+$/, '') || fileName;

/** Used by routes and exports: whether a kind is ever shown in the browser rather than downloaded. */
export const showsInline = (kind: PaperKind) => PAPER_KINDS[kind].inline;
