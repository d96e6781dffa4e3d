import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startTestServer, type TestServer } from '@council/server/testing';
import { authConfigEnv, startTestProvider, type TestProvider } from '@council/server/testing/oidc';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, signedInHome } from './fixtures.ts';

/**
 * Single sign-on in Chromium: the real sign-in page's button, the test provider's own login and
 * consent pages (oidc-provider on 127.0.0.1), and back in Council with the role the groups map to;
 * then signing out at the provider too.
 */

const webDist = path.resolve(import.meta.dirname, '../packages/web/dist');

let browser: Browser;
let op: TestProvider;
let app: TestServer;
let context: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());
beforeEach(async () => {
  op = await startTestProvider({
    'frida.formand': {
      email: 'frida.formand@testkommune.dk',
      email_verified: true,
      name: 'Frida Formand',
      organisation: 'Testkommune',
      groups: ['alle-ansatte', 'raad-formand'],
    },
  });
  app = await startTestServer(
    undefined,
    webDist,
    authConfigEnv({
      oidc: [
        {
          id: 'testkommune',
          name: 'Testkommune',
          issuer: op.issuer,
          clientId: 'council',
          clientSecret: 'council-secret',
          roles: { 'raad-formand': 'chair', 'raad-medlem': 'council_member' },
        },
      ],
    }),
  );
  op.serve([{ clientId: 'council', clientSecret: 'council-secret', councilUrl: app.url, providerId: 'testkommune' }]);
  context = await browser.newContext({ baseURL: app.url, locale: 'da-DK', viewport: { width: 1400, height: 1000 } });
  // The provider's development pages import a web font; this machine has no internet to fetch it from.
  await context.route('https://fonts.googleapis.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
  );
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
  });
});
afterEach(async () => {
  await context.close();
  await app.stop();
  await op.stop();
  expect(errors.splice(0), 'browser errors').toEqual([]);
});

describe('single sign-on', () => {
  it('signs in through the provider’s own pages, arriving with the role the groups map to, and signs out there too', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Log ind med Testkommune' }).click();

    // The provider's login page (any password), then its consent page.
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.locator('input[name="login"]').fill('frida.formand');
    await page.locator('input[name="password"]').fill('hvad-som-helst');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await signedInHome(page);
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toBe('Logget ind som Frida Formand · Formand');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: 'frida.formand@testkommune.dk', organisation: 'Testkommune', role: 'chair' });

    // Signing out goes on to the provider, which asks, and then back to Council's sign-in page.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.origin === app.url && url.pathname === '/login');
    await page.getByRole('link', { name: 'Log ind med Testkommune' }).waitFor();
    expect((await page.evaluate(async () => (await fetch('/api/auth/session')).json())).user).toBeNull();

    // Signed out at the provider as well: signing in again asks for the login there.
    await page.getByRole('link', { name: 'Log ind med Testkommune' }).click();
    await page.locator('input[name="login"]').waitFor();
  });

  it('explains on the sign-in page why a sign-in did not happen', async () => {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Log ind med Testkommune' }).click();
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByRole('link', { name: /Cancel/ }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('sso-error').getByText('Du afbrød login hos udbyderen. Du er ikke logget ind.').waitFor();
    // The buttons and the explanation are as accessible as the rest of the page.
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
