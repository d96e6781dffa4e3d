/**
 * Web: how much gzipped JavaScript the sign-in page and the first page after signing in load (the
 * editor must not be among it), and how long until the meeting editor accepts typing, in headless
 * Chromium against the real server serving the production build.
 * Usage: pnpm bench:web [--runs 10]   (after `pnpm --filter @council/web build`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { startTestServer } from '@council/server/testing';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/browser.ts';
import { fixed, saveResults, table } from '../sync/results.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { runs: { type: 'string', default: '10' } },
});
const RUNS = Number(values.runs);
const webDist = path.resolve(import.meta.dirname, '../../packages/web/dist');
if (!fs.existsSync(path.join(webDist, 'index.html'))) {
  console.error('Build the web app first: pnpm --filter @council/web build');
  process.exit(1);
}

const app = await startTestServer(undefined, webDist);
const browser = await launchBrowser();
try {
  const person = await app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
  const meeting = await app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 4/2026' });
  const context = await browser.newContext({ baseURL: app.url, locale: 'da-DK' });
  const page = await context.newPage();

  /** Gzipped size (level 9, as a compressing proxy would send it) of every script loaded while `step` runs. */
  async function scriptsLoadedBy(step: () => Promise<void>) {
    const loaded: { file: string; gzipBytes: number }[] = [];
    const pending: Promise<void>[] = [];
    const onResponse = (response: import('playwright-core').Response) => {
      if (!response.url().endsWith('.js')) return;
      pending.push(
        response.body().then((body) => {
          loaded.push({
            file: path.basename(new URL(response.url()).pathname),
            gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
          });
        }),
      );
    };
    page.on('response', onResponse);
    await step();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    page.off('response', onResponse);
    return loaded;
  }

  const signIn = await scriptsLoadedBy(async () => {
    await page.goto('/login');
  });
  const firstPage = await scriptsLoadedBy(async () => {
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByRole('textbox', { name: 'Adgangskode' }).fill(person.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL('**/meetings');
  });
  const kb = (list: { gzipBytes: number }[]) => list.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;
  const editorLoadedEarly = [...signIn, ...firstPage].some((s) => s.file.startsWith('CollaborativeEditor'));

  /** From navigation to the meeting until a typed character shows in the editor. */
  async function timeToType(target: Page): Promise<{ editorMs: number; typedMs: number }> {
    const started = performance.now();
    await target.goto(`/meetings/${meeting.id}`);
    const editor = target.locator('.council-editor[contenteditable="true"]');
    await editor.waitFor();
    const editorMs = performance.now() - started;
    await editor.click();
    await target.keyboard.type('ø');
    await target.locator('.council-editor', { hasText: 'ø' }).waitFor();
    return { editorMs, typedMs: performance.now() - started };
  }
  const typing: { editorMs: number; typedMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    typing.push(await timeToType(page));
    await page.goto('/meetings'); // leave, so the next run opens the meeting again
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const results = {
    signInPageScriptKb: kb(signIn),
    firstPageScriptKb: kb(signIn) + kb(firstPage),
    editorLoadedBeforeAMeetingOpens: editorLoadedEarly,
    scripts: { signIn, firstPage },
    firstOpen: typing[0],
    laterOpensMedian: {
      editorMs: median(typing.slice(1).map((t) => t.editorMs)),
      typedMs: median(typing.slice(1).map((t) => t.typedMs)),
    },
  };
  console.log(
    table(
      ['figure', 'value'],
      [
        ['JavaScript for the sign-in page, gzipped', `${fixed(results.signInPageScriptKb)} KB`],
        ['… and for the first page after sign-in (/meetings)', `${fixed(results.firstPageScriptKb)} KB`],
        ['editor loaded before a meeting opens', editorLoadedEarly ? '**yes**' : 'no'],
        [
          'meeting opened, first time: editor shown / typed character shown',
          `${fixed(typing[0]?.editorMs, 0)} / ${fixed(typing[0]?.typedMs, 0)} ms`,
        ],
        [
          `later opens, median of ${RUNS - 1}: editor shown / typed character shown`,
          `${fixed(results.laterOpensMedian.editorMs, 0)} / ${fixed(results.laterOpensMedian.typedMs, 0)} ms`,
        ],
      ],
    ),
  );
  saveResults('web', `pnpm bench:web --runs ${RUNS}`, results);
} finally {
  await browser.close();
  await app.stop();
}
// The test server's timers (grace periods, sessions) would keep the process alive for a while.
process.exit(0);
