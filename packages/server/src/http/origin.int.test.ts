import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../testing/server.ts';

/** A request with a Host header of our choosing (fetch will not send one). */
function request(
  url: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

/** iCalendar folds long lines; this joins them again. */
const unfolded = (ics: string) => ics.replace(/\r\n /g, '');

/** Whether /collab accepts the upgrade with these headers. */
function upgrades(wsUrl: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(true);
    });
    ws.on('error', () => resolve(false));
  });
}

describe('without a public URL (development, the demo)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());
  const own = () => new URL(server.url);

  it('answers only to loopback and address hosts: a rebound name gets 400, on pages, /api and /collab', async () => {
    expect((await request(server.url, '/api/health', { host: `localhost:${own().port}` })).status).toBe(200);
    expect((await request(server.url, '/api/health', { host: own().host })).status).toBe(200);
    const rebound = await request(server.url, '/api/health', { host: `attacker.example:${own().port}` });
    expect(rebound.status).toBe(400);
    expect(JSON.parse(rebound.body).error.message).toBe('Unknown host.');
    expect((await request(server.url, '/meetings', { host: 'attacker.example' })).status).toBe(400);
    expect(await upgrades(server.wsUrl, { host: 'attacker.example' })).toBe(false);
    expect(await upgrades(server.wsUrl, {})).toBe(true);
  });

  it('checks the scheme of the Origin as well as its host', async () => {
    const login = (origin: string) =>
      request(server.url, '/api/auth/login', { origin, 'content-type': 'application/json' }, 'POST');
    expect((await login(`http://${own().host}`)).status).toBe(400); // reaches validation
    expect((await login(`https://${own().host}`)).status).toBe(403);
    expect(await upgrades(server.wsUrl, { origin: `https://${own().host}` })).toBe(false);
  });

  it('writes calendar links with the address it listens on, not the Host a request names', async () => {
    await server.factory.meeting({ status: 'published' });
    const { token } = await server.signIn('observer');
    const ics = await request(server.url, '/api/meetings.ics', {
      host: `localhost:${own().port}`,
      authorization: `Bearer ${token}`,
    });
    expect(unfolded(ics.body)).toContain(`URL;VALUE=URI:${server.url}/meetings/`);
    expect(ics.body).not.toContain('localhost');
  });
});

describe('with COUNCIL_PUBLIC_URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(undefined, null, {
      COUNCIL_PUBLIC_URL: 'https://raad.example.dk',
      COUNCIL_ALLOWED_HOSTS: 'council-intern',
    });
  });
  afterAll(() => server.stop());

  it('accepts the public origin and host, the allowed hosts and loopback, and nothing else', async () => {
    const login = (headers: Record<string, string>) =>
      request(server.url, '/api/auth/login', { 'content-type': 'application/json', ...headers }, 'POST');
    expect((await login({ host: 'raad.example.dk', origin: 'https://raad.example.dk' })).status).toBe(400);
    expect((await login({ host: 'raad.example.dk', origin: 'http://raad.example.dk' })).status).toBe(403);
    // Behind the proxy the server is reached as http://127.0.0.1; the browser's origin is the public one.
    expect((await login({ origin: new URL(server.url).origin })).status).toBe(403);
    expect((await request(server.url, '/api/health', { host: 'council-intern:3000' })).status).toBe(200);
    expect((await request(server.url, '/api/health', { host: '10.0.0.7' })).status).toBe(400);
    expect(await upgrades(server.wsUrl, { host: 'raad.example.dk', origin: 'https://raad.example.dk' })).toBe(true);
  });

  it('writes absolute links with the public URL', async () => {
    await server.factory.meeting({ status: 'published' });
    const { token } = await server.signIn('observer');
    const ics = await request(server.url, '/api/meetings.ics', { authorization: `Bearer ${token}` });
    expect(unfolded(ics.body)).toContain('URL;VALUE=URI:https://raad.example.dk/meetings/');
  });
});
