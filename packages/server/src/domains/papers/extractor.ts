import type { Db } from '../../db/connection.ts';
import type { Logger } from '../../logger.ts';
import type { Outbox } from '../../outbox/Outbox.ts';
import type { BlobStore } from './blobStore.ts';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits, extractText } from './extraction/extract.ts';
import { PapersRepo } from './repo.ts';

/**
 * Reads the text of uploaded papers into the search index, one file at a time, each in a worker
 * thread (extraction/extract.ts). What it has to do is the papers' own state: every version marked
 * `pending` is read, at start and whenever it is woken, so that a crash loses nothing. A file that
 * cannot be read is marked `failed` and stays listed; the web app flags it.
 */
export class PaperExtractor {
  private readonly repo: PapersRepo;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly stopping = new AbortController();

  constructor(
    db: Db,
    private readonly blobs: BlobStore,
    private readonly outbox: Outbox,
    private readonly logger: Logger,
    /** Tells open browsers that a paper's state changed (its text read, or not). */
    private readonly changed: () => void,
    private readonly limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  ) {
    this.repo = new PapersRepo(db);
  }

  wake(): void {
    if (this.stopping.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when nothing is left to read (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const done = new Set<string>();
    for (;;) {
      const next = this.repo.pendingExtractions().find((p) => !done.has(`${p.paperId}:${p.version}`));
      if (!next || this.stopping.signal.aborted) return;
      done.add(`${next.paperId}:${next.version}`);
      const started = Date.now();
      const result = await this.blobs.withLocalFile(next.sha256, (file) =>
        extractText(file, next.kind, this.limits, this.stopping.signal),
      );
      // Stopping is not a failure: the version stays pending and is read at the next start.
      if (this.stopping.signal.aborted) return;
      if ('error' in result)
        this.logger.warn({ paperId: next.paperId, version: next.version, error: result.error }, 'paper text not read');
      else
        this.logger.info(
          { paperId: next.paperId, pages: result.pages.length, ms: Date.now() - started },
          'paper text read',
        );
      try {
        await this.repo.saveExtraction(next.paperId, next.version, result, () =>
          this.outbox.add('papers.index', { meetingId: next.meetingId }),
        );
        void this.outbox.drain();
        this.changed();
      } catch (err) {
        this.logger.error({ err, paperId: next.paperId }, 'paper text could not be stored');
      }
    }
  }
}
