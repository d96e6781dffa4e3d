import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { seedDemoIfEmpty, startTestServer, type TestServer } from '@council/server/testing';
import type { Role } from '@council/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

const webDist = path.resolve(import.meta.dirname, '../packages/web/dist');

import { launchBrowser } from './browser.ts';

export { launchBrowser };

/** The real server, serving the built web app, on port 0 with a fresh database; `env` for its settings. */
export function startApp(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer(undefined, webDist, env);
}

/** The app on the data `npm run demo` loads: its people sign in with DEMO_PASSWORD. */
export async function startDemoApp(): Promise<TestServer> {
  const app = await startApp();
  await seedDemoIfEmpty(app.council);
  return app;
}

export interface SignedInUser {
  context: BrowserContext;
  page: Page;
  name: string;
  /** Errors the page threw or logged: a test ends by asserting there were none. */
  errors: string[];
}

/** Clicks a download link as a person would and returns the file the browser saved, with its name. */
export async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(saved, 'utf8') };
}

/** A browser context of its own, signed in through the real sign-in page as a new person of that role. */
export async function signInAs(browser: Browser, app: TestServer, role: Role, name: string): Promise<SignedInUser> {
  return signInPerson(browser, app, await app.factory.person({ role, name }));
}

/** A browser context of its own, on the app but not signed in, collecting the page's errors. */
export async function openBrowser(browser: Browser, app: TestServer, name: string): Promise<SignedInUser> {
  const context = await browser.newContext({
    baseURL: app.url,
    locale: 'da-DK',
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The sign-in page asks /api/auth/session, which answers 200 for nobody: every error is a defect.
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, name, errors };
}

/** A browser context of its own, signed in as an existing person. */
export async function signInPerson(
  browser: Browser,
  app: TestServer,
  person: { email: string; password: string; name: string },
): Promise<SignedInUser> {
  const user = await openBrowser(browser, app, person.name);
  await new LoginPage(user.page).signIn(person.email, person.password);
  return user;
}

/**
 * The usual e2e lifecycle: one browser per file, a fresh app (server and database) per test, and
 * every signed-in context checked for browser errors and closed after its test.
 */
export function e2eSuite() {
  let browser: Browser;
  let app: TestServer;
  const users: SignedInUser[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(async () => {
    for (const user of users.splice(0)) {
      expect(user.errors, `browser errors for ${user.name}`).toEqual([]);
      await user.context.close();
    }
    await app.stop();
  });
  const track = (user: SignedInUser) => {
    users.push(user);
    return { ...user, meeting: new MeetingPage(user.page) };
  };
  return {
    get app() {
      return app;
    },
    get browser() {
      return browser;
    },
    signIn: async (role: Role, name: string) => track(await signInAs(browser, app, role, name)),
    signInPerson: async (person: { email: string; password: string; name: string }) =>
      track(await signInPerson(browser, app, person)),
  };
}

/** Signing in lands on the home page, once it has loaded. */
export async function signedInHome(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('home-next-meeting').waitFor();
}

export class LoginPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByRole('textbox', { name: 'Adgangskode' }).fill(password);
    await this.page.getByRole('button', { name: 'Log ind' }).click();
    await signedInHome(this.page);
  }
}

export class MeetingPage {
  constructor(readonly page: Page) {}

  async open(meetingId: string, itemId?: string): Promise<void> {
    await this.goto(meetingId, itemId);
    await this.notes.waitFor();
  }

  /** Opens the meeting without waiting for a notes editor (an empty agenda has none). */
  async goto(meetingId: string, itemId?: string): Promise<void> {
    await this.page.goto(`/meetings/${meetingId}${itemId ? `?item=${itemId}` : ''}`);
    await this.page.getByRole('tablist').waitFor();
  }

  async addItem(title: string, kind: 'Orientering' | 'Drøftelse' | 'Beslutning', minutes: number): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Tilføj punkt' });
    await form.getByLabel('Punktets titel').fill(title);
    await form.getByLabel('Type').click();
    await this.page.getByRole('option', { name: kind }).click();
    await form.getByLabel('Varighed (minutter)').fill(String(minutes));
    await form.getByRole('button', { name: 'Tilføj punkt' }).click();
  }

  agendaItem(title: string) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page
      .getByRole('navigation', { name: 'Dagsorden' })
      .getByRole('button', { name: new RegExp(`^\\d+\\. ${escaped}`) });
  }

  /** Gives a lifecycle command through its dialog; `confirm` ticks the confirmation with that label. */
  async transition(label: string, options: { reason?: string; confirm?: RegExp } = {}): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
    const dialog = this.page.getByRole('dialog');
    if (options.reason) await dialog.getByLabel(/Begrundelse/).fill(options.reason);
    if (options.confirm) await dialog.getByLabel(options.confirm).check();
    await dialog.getByRole('button', { name: 'Bekræft' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  get notes() {
    return this.page.locator('.council-editor');
  }

  get saveState() {
    return this.page.getByTestId('save-state');
  }

  async type(text: string): Promise<void> {
    await this.notes.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  /** A peer's caret label, as CollaborationCaret draws it. */
  caretOf(name: string) {
    return this.page.locator('.collaboration-carets__label', { hasText: name });
  }
}
