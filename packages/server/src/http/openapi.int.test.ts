import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server.ts';
import { documentedRoutes } from './openapi.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
}
const operationsOf = (document: { paths: Record<string, Record<string, OpenApiOperation>> }) =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, ...op })),
  );

describe('the OpenAPI document', () => {
  it('is served, and documents exactly the routes the server answers', async () => {
    const res = await server.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.openapi).toBe('3.1.0');
    const served = server.council.routes.filter((r) => r !== 'GET /api/openapi.json').sort();
    const documented = documentedRoutes().sort();
    // The lifecycle commands share one route (`/meetings/:id/:transition`), the accept and decline
    // one (`…/:decision`), and the minutes JSON and Markdown one: expand those before comparing.
    const expand = (r: string) =>
      r === 'POST /api/meetings/{id}/{transition}'
        ? ['publish', 'open', 'close', 'approve', 'reopen', 'cancel'].map((t) => `POST /api/meetings/{id}/${t}`)
        : r === 'POST /api/calls/{id}/volunteers/{personId}/{decision}'
          ? ['accept', 'decline'].map((d) => `POST /api/calls/{id}/volunteers/{personId}/${d}`)
          : [r];
    expect(served.length).toBeGreaterThan(40);
    expect(served.flatMap(expand).sort()).toEqual(documented);
    const approve = res.body.paths['/api/meetings/{id}/approve'].post;
    expect(approve.responses['409'].description).toBe('Wrong state');
    expect(res.body.paths['/api/decisions'].get.parameters.map((p: { name: string }) => p.name)).toContain('cursor');
  });

  it('gives every operation a unique camelCase operationId and a description that is more than its summary', async () => {
    const operations = operationsOf((await server.api('GET', '/api/openapi.json')).body);
    expect(operations.length).toBe(documentedRoutes().length);
    for (const op of operations) {
      expect(op.operationId, op.route).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.description?.trim(), op.route).toBeTruthy();
      expect(op.description, op.route).not.toBe(op.summary);
    }
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.find((op) => op.route === 'POST /api/meetings/{id}/approve')?.operationId).toBe('approveMeeting');
  });

  it('names its licence, and without COUNCIL_PUBLIC_URL its own host as the server', async () => {
    const { body } = await server.api('GET', '/api/openapi.json');
    expect(body.info.license).toEqual({ name: 'MPL-2.0', identifier: 'MPL-2.0' });
    expect(body.servers).toEqual([{ url: '/' }]);
  });
});

describe('the OpenAPI document with COUNCIL_PUBLIC_URL', () => {
  let behindProxy: TestServer;
  beforeAll(async () => {
    behindProxy = await startTestServer(undefined, null, { COUNCIL_PUBLIC_URL: 'https://raad.example.dk' });
  });
  afterAll(() => behindProxy.stop());

  it('names the public URL as the server', async () => {
    // Asked on loopback, as the proxy does: the document names where integrators reach Council.
    const { status, body } = await behindProxy.api('GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.servers).toEqual([{ url: 'https://raad.example.dk' }]);
  });
});
