import { type Actor, can, LIVE_MESSAGE, type Resource } from '@council/shared';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { LiveDocuments } from '../domains/liveDocuments.ts';
import type { CollabContext } from './AuthExtension.ts';
import { type AccessRepos, resourceForDocument } from './access.ts';

/** Forbidden, in the close codes Hocuspocus's provider understands as "do not reconnect". */
const FORBIDDEN = { code: 4403, reason: 'Forbidden' };
const UNAUTHORIZED = { code: 4401, reason: 'Unauthorized' };

const authOf = (connection: Connection) => (connection.context as CollabContext).auth;

/** A connection that may no longer read is closed; the rest become read-only or writable. */
function applyPolicy(connection: Connection, resource: Resource | null): void {
  const actor = authOf(connection)?.actor;
  if (!resource || !can(actor, 'read', resource)) connection.close(FORBIDDEN);
  else connection.readOnly = !can(actor, 'edit', resource);
}

/**
 * What services may do with live documents: read or change them as everyone connected sees them,
 * re-ask the policy for open connections when a resource or a person changes, and notify clients.
 */
export class HocuspocusLiveDocuments implements LiveDocuments {
  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly repos: AccessRepos,
    private readonly actorOf: (personId: string) => Promise<Actor | null>,
  ) {}

  /**
   * Applies the policy to every open connection of a document after its resource changed. This
   * runs synchronously, so no update can slip in between a state change and the freeze.
   */
  refreshAccess(name: string, resource: Resource | null): void {
    for (const connection of this.hocuspocus.documents.get(name)?.getConnections() ?? []) {
      applyPolicy(connection, resource);
    }
  }

  /**
   * Applies the policy, with the person as they are now, to every open connection of theirs after
   * their role or group memberships changed (connections are authorised when they open), and tells
   * their clients, which then reload what the person may do and reconnect with the new rights.
   */
  async refreshPerson(personId: string): Promise<void> {
    const actor = await this.actorOf(personId);
    for (const document of [...this.hocuspocus.documents.values()]) {
      const theirs = document.getConnections().filter((connection) => authOf(connection)?.person.id === personId);
      if (theirs.length === 0) continue;
      const resource = await resourceForDocument(document.name, this.repos);
      for (const connection of theirs) {
        const auth = authOf(connection);
        if (!auth || !actor) {
          connection.close(UNAUTHORIZED);
          continue;
        }
        auth.actor = actor;
        connection.sendStateless(JSON.stringify({ type: LIVE_MESSAGE.accessChanged }));
        applyPolicy(connection, resource);
      }
    }
  }

  /** The sessions behind every open connection, for the session sweep. */
  sessionIds(): string[] {
    return [...this.hocuspocus.documents.values()].flatMap((document) =>
      document.getConnections().flatMap((connection) => authOf(connection)?.sessionId ?? []),
    );
  }

  /** Closes every live connection of a session (on sign-out or expiry), in every open document. */
  closeSession(sessionId: string): void {
    for (const document of this.hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if (authOf(connection)?.sessionId === sessionId) connection.close(UNAUTHORIZED);
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
