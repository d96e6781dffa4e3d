import type { Extension, onChangePayload } from '@hocuspocus/server';
import type { Db } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import { projectDocument } from './projections.ts';

const DEBOUNCE_MS = 500;

/** Keeps read models following documents: a short debounce after changes, never in the write path. */
export class ProjectorExtension implements Extension {
  priority = 100;
  extensionName = 'Projector';
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; project: () => void }>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    clearTimeout(this.timers.get(documentName)?.timer);
    const project = () => {
      this.timers.delete(documentName);
      try {
        projectDocument(this.db, documentName, document);
      } catch (err) {
        this.logger.error({ err, document: documentName }, 'projection failed');
      }
    };
    this.timers.set(documentName, { timer: setTimeout(project, DEBOUNCE_MS), project });
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
