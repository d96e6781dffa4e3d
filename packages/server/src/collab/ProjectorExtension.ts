import type { Extension, onChangePayload } from '@hocuspocus/server';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import { projectDocument } from './projections.ts';

const DEBOUNCE_MS = 500;
/** A document that never pauses (a meeting with several people typing) is still projected this often. */
const MAX_WAIT_MS = 3000;

/** Keeps read models following documents: a short debounce after changes, never in the write path. */
export class ProjectorExtension implements Extension {
  priority = 100;
  extensionName = 'Projector';
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; project: () => void; since: number }>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    const pending = this.timers.get(documentName);
    clearTimeout(pending?.timer);
    const since = pending?.since ?? Date.now();
    const project = () => {
      this.timers.delete(documentName);
      try {
        projectDocument(this.db, documentName, document);
      } catch (err) {
        this.logger.error({ err, document: documentName }, 'projection failed');
      }
    };
    const delay = Math.max(0, Math.min(DEBOUNCE_MS, since + MAX_WAIT_MS - Date.now()));
    this.timers.set(documentName, { timer: setTimeout(project, delay), project, since });
  }

  /** Runs every pending projection now: on shutdown, so read models miss no change, and in tests. */
  flush(): void {
    for (const { timer, project } of [...this.timers.values()]) {
      clearTimeout(timer);
      project();
    }
  }

  async onDestroy(): Promise<void> {
    this.flush();
  }
}
