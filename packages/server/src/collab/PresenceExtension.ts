import type { beforeHandleAwarenessPayload, Extension } from '@hocuspocus/server';
import type { CollabContext } from './AuthExtension.ts';

/** The most one client's awareness state may take, as JSON; presence, carets and a field name fit many times over. */
export const MAX_AWARENESS_STATE_CHARS = 8 * 1024;

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Presence says who is here, so the server says it, not the client: every awareness state a
 * connection sends carries the person it authenticated as (`user.id` and `user.name`), whatever the
 * client wrote there, and a state larger than MAX_AWARENESS_STATE_CHARS keeps only that.
 */
export class PresenceExtension implements Extension {
  priority = 1900;
  extensionName = 'Presence';

  async beforeHandleAwareness({ states, context }: beforeHandleAwarenessPayload): Promise<void> {
    const person = (context as CollabContext | undefined)?.auth?.person;
    if (!person) return;
    for (const [clientId, state] of states) {
      const claimed = (state as { user?: { color?: unknown } }).user;
      const user = {
        id: person.id,
        name: person.name,
        ...(typeof claimed?.color === 'string' && COLOR.test(claimed.color) ? { color: claimed.color } : {}),
      };
      const stamped = { ...state, user };
      states.set(clientId, JSON.stringify(stamped).length > MAX_AWARENESS_STATE_CHARS ? { user } : stamped);
    }
  }
}
