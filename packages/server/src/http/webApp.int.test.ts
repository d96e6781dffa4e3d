import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server.ts';

/** A GET exactly as written: fetch would normalise the path. */
function get(url: string, target: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${target}`, { method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What Express's own error page shows in development: a stack trace, naming files on the server. */
function leaksInternals(body: string, folder: string): boolean {
  return /\bat .+:\d+:\d+/.test(body) || body.includes(folder) || body.includes('node_modules');
}

describe('the web app, installed under a folder whose name starts with a dot', () => {
  let server: TestServer;
  let folder: string;

  beforeAll(async () => {
    // As in /srv/.apps/council: a dot segment above the app's own folder.
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'council-web-')), '.apps', 'council', 'dist');
    fs.mkdirSync(path.join(folder, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'index.html'),
      '<!doctype html><html lang="da"><title>Council</title><script type="module" src="/assets/index-abc.js"></script></html>',
    );
    fs.writeFileSync(path.join(folder, 'assets', 'index-abc.js'), 'console.log("council");');
    server = await startTestServer(undefined, folder);
  });
  afterAll(() => server.stop());

  it('serves the app shell for every page and the assets', async () => {
    for (const page of ['/', '/meetings/x', '/decisions/2026-001', '/index.html']) {
      const answer = await get(server.url, page);
      expect(answer.status, page).toBe(200);
      expect(answer.type, page).toMatch(/^text\/html/);
      expect(answer.body, page).toContain('<title>Council</title>');
    }
    const asset = await get(server.url, '/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.type).toMatch(/javascript/);
    expect(asset.body).toBe('console.log("council");');
  });

  it('answers 404 for an asset that is not there, not the app shell', async () => {
    // A browser holding a page from before a new deployment asks for chunks that are gone: a page
    // of HTML in their place would fail as a module with a misleading MIME type error.
    const answer = await get(server.url, '/assets/MeetingPage-old.js');
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('/assets/index-abc.js');
    expect(leaksInternals(answer.body, folder)).toBe(false);
  });

  it('answers a malformed address with a plain page, never a stack trace', async () => {
    for (const target of ['/%E0%A4%A', '/meetings/%E0%A4%A', '/assets/%E0%A4%A.js']) {
      const answer = await get(server.url, target);
      expect(answer.status, target).toBe(400);
      expect(answer.type, target).toMatch(/^text\/(html|plain)/);
      expect(leaksInternals(answer.body, folder), `${target}: ${answer.body}`).toBe(false);
    }
    // The API keeps its JSON errors.
    const api = await get(server.url, '/api/meetings/%E0%A4%A');
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body).error.code).toBe('bad_request');
  });

  it('says so plainly when the app shell cannot be read', async () => {
    const index = path.join(folder, 'index.html');
    const saved = fs.readFileSync(index);
    fs.rmSync(index);
    try {
      const answer = await get(server.url, '/meetings/x');
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(leaksInternals(answer.body, folder), answer.body).toBe(false);
    } finally {
      fs.writeFileSync(index, saved);
    }
  });
});
