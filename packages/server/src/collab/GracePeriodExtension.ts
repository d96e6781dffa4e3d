import type { beforeUnloadDocumentPayload, Extension } from '@hocuspocus/server';

/**
 * Keeps a document in memory for a while after its last client leaves, so that a page reload, a
 * dropped connection or someone joining a minute later opens it warm instead of loading it from
 * SQLite again. Everything it holds is already durable (the update log is written before each
 * acknowledgement), so keeping it costs memory only.
 *
 * Hocuspocus asks `beforeUnloadDocument` before unloading and keeps the document if it throws; the
 * error has no message, so Hocuspocus does not print it. When the grace period ends the document is
 * unloaded for real, unless someone opened it again, in which case the next departure starts a new one.
 */
export class GracePeriodExtension implements Extension {
  extensionName = 'GracePeriod';
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly expired = new Set<string>();

  constructor(private readonly graceMs: number) {}

  async beforeUnloadDocument({ documentName, document, instance }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.graceMs <= 0 || this.expired.delete(documentName)) return;
    clearTimeout(this.timers.get(documentName));
    const timer = setTimeout(() => {
      this.timers.delete(documentName);
      this.expired.add(documentName);
      // Does nothing if a client came back; then `expired` must not outlive this attempt.
      instance.unloadDocument(document).finally(() => this.expired.delete(documentName));
    }, this.graceMs);
    timer.unref();
    this.timers.set(documentName, timer);
    throw new Error('');
  }

  async onDestroy(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
