import type { Extension, onChangePayload } from '@hocuspocus/server';
import type { Project } from '../domains/projections.ts';
import type { CollabContext } from './AuthExtension.ts';

const DEBOUNCE_MS = 500;
/** A document that never pauses (a meeting with several people typing) is still projected this often. */
const MAX_WAIT_MS = 3000;

interface Pending {
  timer: NodeJS.Timeout;
  /** Who made the changes waiting to be projected (a service's direct writes name nobody). */
  editors: Set<string>;
  firstChange: number;
  lastChange: number;
  project: () => void;
}

/**
 * Keeps read models following documents: a short debounce after changes, never in the write path.
 * A change only notes its time; the pending timer looks at that when it fires and waits on if the
 * document changed since, so a stream of edits costs no timer work per edit.
 */
export class ProjectorExtension implements Extension {
  priority = 100;
  extensionName = 'Projector';
  private readonly pending = new Map<string, Pending>();

  /** `project` is the domains' projections by document kind; it logs its own failures. */
  constructor(private readonly project: Project) {}

  async onChange({ documentName, document, instance, context }: onChangePayload): Promise<void> {
    const now = Date.now();
    const editor = (context as CollabContext | undefined)?.auth?.person.id;
    const pending = this.pending.get(documentName);
    if (pending) {
      pending.lastChange = now;
      if (editor) pending.editors.add(editor);
      return;
    }
    const project = () => {
      clearTimeout(entry.timer);
      this.pending.delete(documentName);
      // A document dropped because its changes could not be stored (DurableLogExtension) holds
      // edits that are not on disk: read models must not show them.
      if (instance.documents.get(documentName) === document) this.project(documentName, document, entry.editors);
    };
    const due = () => {
      const wait = Math.min(entry.lastChange + DEBOUNCE_MS, entry.firstChange + MAX_WAIT_MS) - Date.now();
      if (wait > 0) entry.timer = setTimeout(due, wait);
      else project();
    };
    const entry: Pending = {
      timer: setTimeout(due, DEBOUNCE_MS),
      editors: new Set(editor ? [editor] : []),
      firstChange: now,
      lastChange: now,
      project,
    };
    this.pending.set(documentName, entry);
  }

  /** Runs every pending projection now: on shutdown, so read models miss no change, and in tests. */
  flush(): void {
    for (const { project } of [...this.pending.values()]) project();
  }

  async onDestroy(): Promise<void> {
    this.flush();
  }
}
