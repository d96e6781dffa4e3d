import type { Resource } from '@council/shared';
import type * as Y from 'yjs';

/**
 * What services may do with live documents, declared here beside the domains and implemented by
 * the collaboration server (collab/LiveDocuments.ts), so that no domain depends on collab/.
 */
export interface LiveDocuments {
  /**
   * Re-asks the policy for every open connection of a document after its resource changed,
   * synchronously; null (the resource is gone) closes them all.
   */
  refreshAccess(name: string, resource: Resource | null): void;
  /** Re-asks the policy for every open connection of a person after their role or groups changed. */
  refreshPerson(personId: string): Promise<void>;
  /** Sends a JSON message to every client of an open document. */
  notify(name: string, message: object): void;
  /** Reads a document as it is now, loading it if nobody has it open. */
  read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Changes a document so that everyone connected sees it live. */
  change(name: string, change: (doc: Y.Doc) => void): Promise<void>;
}
