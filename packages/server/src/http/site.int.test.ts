import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../config.ts';
import { startTestServer, type TestServer } from '../testing/server.ts';

/** GET /api/site: the accessibility statement every page links to, without a session. */
let server: TestServer | undefined;
afterEach(() => server?.stop());

describe('GET /api/site', () => {
  it('points to the built-in statement when the operator has set none', async () => {
    server = await startTestServer();
    const res = await server.api('GET', '/api/site');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessibilityStatementUrl: null, accessibilityContact: null });
  });

  it("gives the operator's statement and contact to anyone, signed in or not", async () => {
    server = await startTestServer(undefined, null, {
      COUNCIL_ACCESSIBILITY_STATEMENT_URL: 'https://www.was.digst.dk/raad-example-dk',
      COUNCIL_ACCESSIBILITY_CONTACT: 'tilgaengelighed@raad.example.dk',
    });
    expect((await server.api('GET', '/api/site')).body).toEqual({
      accessibilityStatementUrl: 'https://www.was.digst.dk/raad-example-dk',
      accessibilityContact: 'tilgaengelighed@raad.example.dk',
    });
  });

  it('refuses to start with a statement link that is not http(s)', () => {
    expect(() => configFromEnv({ COUNCIL_ACCESSIBILITY_STATEMENT_URL: 'javascript:alert(1)' })).toThrow(
      /http or https/,
    );
  });
});
