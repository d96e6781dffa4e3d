import { COLLAB_CLOSE, LIVE_MESSAGE, type Me } from '@council/shared';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { ME_KEY } from '../auth/useMe.ts';
import { cacheName, deleteCache, mayCache } from './offlineCache.ts';
import { assignColors } from './presenceColors.ts';

export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'denied';

export interface CollabDocument {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  state: ConnectionState;
  /** True until the first sync with the server has finished. */
  loading: boolean;
  /** The server said read-only (the policy gave read but not edit). */
  readOnly: boolean;
  /** Local changes the server has not acknowledged yet; 0 means saved. */
  unsynced: number;
  /** The server closed the connection because it cannot store changes; until it acknowledges again. */
  storeFailing: boolean;
  /** The server refused a change as too large; the document was started afresh without it. */
  refusedTooLarge: boolean;
  /** My avatar's and caret's colour among the people present (presenceColors.ts). */
  color: string;
}

/** How long to wait before trying again a document the server could not load for want of storage. */
const STORE_RETRY_MS = 5000;
/**
 * How long "too large" is said at least: the fresh document's own first writes (an editor filling an
 * empty field) are saved at once, and must not take the notice away before anyone has read it.
 */
const TOO_LARGE_NOTICE_MS = 10_000;
/** A frame over the server's WebSocket limit is closed with this (RFC 6455 "message too big"), before any check of ours. */
const MESSAGE_TOO_BIG = 1009;

function subscribeToNetwork(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Whether the browser says it has a network. It knows at once when it loses it; the connection
 * would learn only when its socket times out, about half a minute later.
 */
export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    subscribeToNetwork,
    () => navigator.onLine,
    () => true,
  );
}

function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One live document for as long as the component is mounted. The browser authenticates with its
 * httpOnly session cookie, which travels with the WebSocket upgrade; 'cookie' tells the server so.
 */
export function useCollabDocument(
  name: string | null,
  me: Me,
  options: {
    /** A new value starts afresh with a new document: after a change of permission, any edit the
     * server refused meanwhile is dropped rather than kept diverging. */
    generation?: string;
    /** JSON messages the server broadcasts to the document's clients. */
    onMessage?: (message: { type: string; [key: string]: unknown }) => void;
  } = {},
): CollabDocument | null {
  const [current, setCurrent] = useState<CollabDocument | null>(null);
  const onMessage = useRef(options.onMessage);
  onMessage.current = options.onMessage;
  const queryClient = useQueryClient();
  /** Bumped when the server says this person's rights changed: start afresh, as for a new generation. */
  const [accessChanges, setAccessChanges] = useState(0);
  /** Bumped to try a document again that the server could not load for want of storage. */
  const [retries, setRetries] = useState(0);
  /** Set when the server refused a change as too large: the next document says so. */
  const [refusals, setRefusals] = useState(0);
  /** Whether to say a change was refused as too large: until a later change is saved, and for a while at least. */
  const tooLargeNotice = useRef(false);
  const refusedAt = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation, accessChanges, refusals and retries are triggers: a new value means a new document
  useEffect(() => {
    if (!name) return;
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: collabUrl() });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token: 'cookie' });
    let snapshot: CollabDocument = {
      doc,
      provider,
      state: 'connecting',
      loading: true,
      readOnly: false,
      unsynced: 0,
      storeFailing: false,
      refusedTooLarge: tooLargeNotice.current,
      color: assignColors([me.id]).get(me.id) as string,
    };
    const update = (patch: Partial<CollabDocument>) => {
      snapshot = { ...snapshot, ...patch };
      setCurrent(snapshot);
    };
    provider.on('status', ({ status }: { status: string }) => {
      if (snapshot.state === 'denied') return;
      update({ state: status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline' });
    });
    // The offline copy is opened once the server says the connection may write: edits kept from
    // last time then go straight to the server. Where it may not (read-only, refused), the copy is
    // deleted, so that edits the server refused never come back in a later document.
    const cache = mayCache(name) ? cacheName(me.id, name) : null;
    let persistence: IndexeddbPersistence | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    provider.on('authenticated', ({ scope }: { scope: string }) => {
      update({ readOnly: scope === 'readonly' });
      if (!cache) return;
      if (scope === 'readonly') void deleteCache(cache);
      else persistence ??= new IndexeddbPersistence(cache, doc);
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      // The server could not store what loading the document needs: not a refusal. The browser's
      // copy is kept, and the document is tried again in a while.
      if (reason === COLLAB_CLOSE.storeFailed.reason) {
        update({ storeFailing: true });
        retry = setTimeout(() => setRetries((n) => n + 1), STORE_RETRY_MS);
        return;
      }
      update({ state: 'denied', loading: false });
      if (cache) void deleteCache(cache);
    });
    provider.on('synced', () => update({ loading: false }));
    // The provider keeps what the server did not acknowledge and sends it again after it
    // reconnects; the first acknowledgement of everything after that means the server stores again.
    provider.on('close', ({ event }: { event: { code: number } }) => {
      if (event.code === COLLAB_CLOSE.storeFailed.code) update({ storeFailing: true });
      // Sending the same change again would be refused again: start afresh without it, in the
      // browser's copy too, and say so. A change too large even for one WebSocket message is closed
      // by the transport (1009) before the server's own check (4413), and is the same case.
      if (event.code === COLLAB_CLOSE.tooLarge.code || event.code === MESSAGE_TOO_BIG) {
        provider.destroy();
        void Promise.resolve(persistence?.destroy())
          .then(() => (cache ? deleteCache(cache) : undefined))
          .finally(() => {
            tooLargeNotice.current = true;
            refusedAt.current = Date.now();
            setRefusals((n) => n + 1);
          });
      }
    });
    // Something of one's own was sent and all of it acknowledged: saved, whatever was refused before.
    let sent = false;
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number > 0) {
        sent = true;
        update({ unsynced: number });
        return;
      }
      if (sent && Date.now() - refusedAt.current > TOO_LARGE_NOTICE_MS) tooLargeNotice.current = false;
      update({ unsynced: 0, storeFailing: false, refusedTooLarge: tooLargeNotice.current });
    });
    provider.on('stateless', ({ payload }: { payload: string }) => {
      let message: { type: string; [key: string]: unknown };
      try {
        message = JSON.parse(payload);
      } catch {
        return; // not ours to understand
      }
      if (message.type === LIVE_MESSAGE.accessChanged) {
        // Role or groups changed: reload who I am (RequireAuth then refetches the rest), and only then
        // reconnect, so that what remounts with the new document already renders with the new rights
        // (with the old ones it could ask for what the server now refuses).
        void queryClient.invalidateQueries({ queryKey: ME_KEY }).finally(() => setAccessChanges((n) => n + 1));
      } else onMessage.current?.(message);
    });
    // Back online: try to connect now rather than at the end of the provider's back-off, which
    // grows to half a minute while the network is away.
    const online = () => {
      if (snapshot.state !== 'connected' && snapshot.state !== 'denied') void socket.connect();
    };
    window.addEventListener('online', online);
    // My colour is published, and published again when someone arrives who had it first.
    const publishColor = (color: string) => {
      provider.setAwarenessField('user', { name: me.name, color, id: me.id });
      update({ color });
    };
    const recolor = () => {
      const awareness = provider.awareness;
      if (!awareness) return;
      const ids = [me.id];
      for (const [clientId, state] of awareness.getStates()) {
        const id = (state as { user?: { id?: string } }).user?.id;
        if (clientId !== awareness.clientID && id) ids.push(id);
      }
      const color = assignColors(ids).get(me.id) as string;
      if (color !== snapshot.color) publishColor(color);
    };
    provider.awareness?.on('change', recolor);
    publishColor(snapshot.color);
    provider.attach();
    setCurrent(snapshot);
    return () => {
      window.removeEventListener('online', online);
      clearTimeout(retry);
      void persistence?.destroy();
      provider.destroy();
      socket.destroy();
      doc.destroy();
      setCurrent(null);
    };
  }, [name, me.id, me.name, options.generation, accessChanges, refusals, retries]);

  // Edits not yet on the server: closing or reloading the tab asks first. The browser's copy keeps
  // them for the next visit, but nobody else sees them until then, and confidential documents have none.
  const unsaved = (current?.unsynced ?? 0) > 0;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // Offline the moment the browser says so; once it says online again, whatever the connection says.
  const online = useBrowserOnline();
  return useMemo(
    () => (current && !online && current.state !== 'denied' ? { ...current, state: 'offline' } : current),
    [current, online],
  );
}

export interface PresentUser {
  clientId: number;
  name: string;
  color: string;
}

/** Everyone whose client is in the document right now, from Yjs awareness. */
export function usePresence(provider: HocuspocusProvider | undefined): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    const awareness = provider?.awareness;
    if (!awareness) return;
    const read = () => {
      const seen = new Map<string, PresentUser>();
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: { name?: string; color?: string; id?: string } }).user;
        if (user?.name)
          seen.set(user.id ?? String(clientId), { clientId, name: user.name, color: user.color ?? '#555' });
      }
      setUsers([...seen.values()]);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return users;
}
