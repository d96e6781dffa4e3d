import { parseDocumentName } from '@council/shared';

/**
 * The browser's copy of the documents a person edits (y-indexeddb, one IndexedDB database per
 * person and document), so that edits made offline survive a closed tab or a crash and are sent
 * the next time the document is opened. This module only names and deletes the databases; it
 * imports nothing from y-indexeddb, so the app shell can clear them without loading it.
 */
const PREFIX = 'council:';

export const cacheName = (personId: string, documentName: string) => `${PREFIX}${personId}:${documentName}`;

/** Confidential documents (`meeting:<id>:closed`) are never written to the browser's disk. */
export const mayCache = (documentName: string) => parseDocumentName(documentName)?.kind !== 'meetingClosed';

export function deleteCache(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // A blocked or failed delete is retried by the next sign-in or sign-out; never block the user on it.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Deletes the cached documents of everyone but `keepPersonId` (everyone when omitted): at sign-in and sign-out. */
export async function clearOfflineCaches(keepPersonId?: string): Promise<void> {
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((database) => database.name ?? '')
      .filter((name) => name.startsWith(PREFIX) && (!keepPersonId || !name.startsWith(cacheName(keepPersonId, ''))))
      .map(deleteCache),
  );
}
