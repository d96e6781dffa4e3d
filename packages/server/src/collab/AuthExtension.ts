import { can } from '@council/shared';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Authenticated, AuthService } from '../domains/auth/service.ts';
import { readCookie, SESSION_COOKIE } from '../http/session.ts';
import { type AccessRepos, resourceForDocument } from './access.ts';

export interface CollabContext {
  auth?: Authenticated;
}

/**
 * Hocuspocus sends `reason` to the provider as the permission-denied reason. The message is left
 * empty on purpose: Hocuspocus prints every hook error that has one, and a refused connection is an
 * expected event, not an error.
 */
function refusal(reason: 'unauthenticated' | 'forbidden'): Error {
  return Object.assign(new Error(''), { reason });
}

/**
 * Asks the policy table for every document a connection opens: no read, no connection; read
 * without edit, a read-only connection (Hocuspocus then refuses its updates).
 */
export class AuthExtension implements Extension {
  priority = 2000;
  extensionName = 'Auth';

  constructor(
    private readonly auth: AuthService,
    private readonly repos: AccessRepos,
  ) {}

  async onAuthenticate({ token, documentName, requestHeaders, connectionConfig }: onAuthenticatePayload) {
    const bearer = token && token !== 'cookie' ? token : readCookie(requestHeaders.get('cookie'), SESSION_COOKIE);
    const authenticated = await this.auth.authenticate(bearer);
    if (!authenticated) throw refusal('unauthenticated');
    const resource = await resourceForDocument(documentName, this.repos);
    if (!resource || !can(authenticated.actor, 'read', resource)) throw refusal('forbidden');
    connectionConfig.readOnly = !can(authenticated.actor, 'edit', resource);
    return { auth: authenticated } satisfies CollabContext;
  }
}
