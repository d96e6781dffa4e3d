import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@council/shared';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type CouncilServer, createCouncilServer, type ServerOptions } from '../app.ts';
import { configFromEnv } from '../config.ts';
import { Factory } from './factories.ts';

// The data `npm run demo` loads, for tests that look at the app as people first see it.
export { DEMO_PASSWORD, seedDemoIfEmpty } from '../seed/demo.ts';

export interface TestServer {
  council: CouncilServer;
  url: string;
  wsUrl: string;
  databaseFile: string;
  factory: Factory;
  /** Signs in a new person of that role and returns their bearer token. */
  signIn(role: Role): Promise<{ token: string; personId: string }>;
  /** A new person of that role (and name), signed in: what the factory made, with their bearer token. */
  person(role: Role, name?: string): Promise<Awaited<ReturnType<Factory['person']>> & { token: string }>;
  api(
    method: string,
    route: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on response bodies field by field
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

export function tempDatabaseFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'council-test-')), 'council.sqlite');
}

/** The real server on port 0 with a temporary SQLite file. */
export async function startTestServer(
  databaseFile = tempDatabaseFile(),
  webDist: string | null = null,
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const council = createCouncilServer(
    {
      // Two-factor sign-in is required of no role unless a test asks (the default requires it of admins).
      ...configFromEnv({ LOG_LEVEL: 'silent', COUNCIL_TOTP_REQUIRED_ROLES: '', ...env }),
      databaseFile,
      webDist,
      seedDemo: false,
    },
    options,
  );
  const port = await council.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const factory = new Factory(council.db);
  const api: TestServer['api'] = async (method, route, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${url}${route}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  return {
    council,
    url,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    databaseFile,
    factory,
    api,
    async person(role, name) {
      const person = await factory.person({ role, ...(name ? { name } : {}) });
      const { body } = await api('POST', '/api/auth/login', {
        body: { email: person.email, password: person.password },
      });
      return { ...person, token: body.token as string };
    },
    async signIn(role) {
      const person = await factory.person({ role });
      const { body } = await api('POST', '/api/auth/login', {
        body: { email: person.email, password: person.password },
      });
      return { token: body.token, personId: person.id };
    },
    stop: () => council.close(),
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves once the server has acknowledged every local change. */
  synced(): Promise<void>;
  destroy(): void;
}

/** A real HocuspocusProvider in Node; resolves when the first sync finished, rejects if refused. */
export function connectClient(wsUrl: string, name: string, token: string): Promise<TestClient> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket, autoConnect: true });
  return new Promise((resolve, reject) => {
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      token,
      onAuthenticationFailed: ({ reason }) => {
        client.destroy();
        reject(new Error(`authentication failed: ${reason}`));
      },
      onSynced: () => resolve(client),
    });
    const client: TestClient = {
      doc,
      provider,
      socket,
      synced: () => waitFor(() => !provider.hasUnsyncedChanges, 'client synced'),
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
    provider.attach();
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
