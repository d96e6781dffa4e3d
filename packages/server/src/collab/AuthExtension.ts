import { can } from '@council/shared';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Authenticated, AuthService } from '../domains/auth/service.ts';
import { readCookie, SESSION_COOKIE } from '../http/session.ts';
import { type AccessRepos, resourceForDocument } from './access.ts';

export interface CollabContext {
  auth?: Authenticated;
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
    if (!authenticated) throw new Error('Not signed in');
    const resource = await resourceForDocument(documentName, this.repos);
    if (!resource || !can(authenticated.actor, 'read', resource)) throw new Error('Forbidden');
    connectionConfig.readOnly = !can(authenticated.actor, 'edit', resource);
    return { auth: authenticated } satisfies CollabContext;
  }
}
