import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server.ts';
import { documentedRoutes } from './openapi.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

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
        ? ['publish', 'open', 'close', 'approve', 'reopen'].map((t) => `POST /api/meetings/{id}/${t}`)
        : r === 'POST /api/calls/{id}/volunteers/{personId}/{decision}'
          ? ['accept', 'decline'].map((d) => `POST /api/calls/{id}/volunteers/{personId}/${d}`)
          : [r];
    expect(served.length).toBeGreaterThan(40);
    expect(served.flatMap(expand).sort()).toEqual(documented);
    const approve = res.body.paths['/api/meetings/{id}/approve'].post;
    expect(approve.responses['409'].description).toBe('Wrong state');
    expect(res.body.paths['/api/decisions'].get.parameters.map((p: { name: string }) => p.name)).toContain('cursor');
  });
});
