import { can, type Resource } from '@council/shared';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { CollabContext } from './AuthExtension.ts';

/** Forbidden, in the close codes Hocuspocus's provider understands as "do not reconnect". */
const FORBIDDEN = { code: 4403, reason: 'Forbidden' };
const UNAUTHORIZED = { code: 4401, reason: 'Unauthorized' };

/**
 * What services may do with live documents: read or change them as everyone connected sees them,
 * re-ask the policy for open connections when a resource changes state, and notify clients.
 */
export class LiveDocuments {
  constructor(private readonly hocuspocus: Hocuspocus) {}

  /**
   * Applies the policy to every open connection of a document after its resource changed: a
   * connection that may no longer read is closed, the rest become read-only or writable. This runs
   * synchronously, so no update can slip in between a state change and the freeze.
   */
  refreshAccess(name: string, resource: Resource): void {
    const document = this.hocuspocus.documents.get(name);
    if (!document) return;
    for (const connection of document.getConnections()) {
      const actor = (connection.context as CollabContext).auth?.actor;
      if (!can(actor, 'read', resource)) connection.close(FORBIDDEN);
      else connection.readOnly = !can(actor, 'edit', resource);
    }
  }

  /** Closes every live connection of a session (on sign-out), in every open document. */
  closeSession(sessionId: string): void {
    for (const document of this.hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if ((connection.context as CollabContext).auth?.sessionId === sessionId) connection.close(UNAUTHORIZED);
      }
    }
  }

  /** Sends a JSON message to every client of an open document (Hocuspocus stateless message). */
  notify(name: string, message: object): void {
    this.hocuspocus.documents.get(name)?.broadcastStateless(JSON.stringify(message));
  }

  /** Reads a document as it is now, loading it from storage if nobody has it open. */
  async read<T>(name: string, read: (doc: Y.Doc) => T): Promise<T> {
    const connection = await this.hocuspocus.openDirectConnection(name);
    try {
      return read(connection.document as Y.Doc);
    } finally {
      await connection.disconnect();
    }
  }

  /** Changes a document so that everyone connected sees it live; the change is logged like any other. */
  async change(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const connection = await this.hocuspocus.openDirectConnection(name);
    try {
      await connection.transact(change);
    } finally {
      await connection.disconnect();
    }
  }
}
