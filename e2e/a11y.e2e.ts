import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD, type TestServer } from '@council/server/testing';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type SignedInUser, signInAs, signInPerson, startApp, startDemoApp } from './fixtures.ts';

/** A wide screen and a phone: every page is checked at both. */
const WIDTHS = [1280, 390] as const;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// @axe-core/playwright injects axe-core's unminified source (1.5 MB) on every analysis and merges
// the results in a new blank page: some 2.5 s a run, and this file makes about two hundred. The app
// has no frames, so each document is given the minified axe once, by the context's init script, and
// AxeBuilder runs that copy in the page (legacy mode) with an empty source of its own, sending back
// only the violations (the passes, node by node, take longer to send than axe takes to check).
const require = createRequire(import.meta.url);
const AXE = readFileSync(createRequire(require.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

async function withAxe<T extends { context: BrowserContext; page: Page }>(user: T): Promise<T> {
  await user.context.addInitScript({ content: AXE });
  // The page already open (signing in lands on the home page) was loaded before the init script;
  // evaluated, not a script tag, which the app's Content-Security-Policy refuses.
  await user.page.evaluate(`${AXE};void 0`);
  return user;
}

/** What axe finds at this width, each violation with the width it was found at. */
async function violationsAt(page: Page, width: number): Promise<string[]> {
  if (page.viewportSize()?.width !== width) {
    await page.setViewportSize({ width, height: 900 });
    // The page redraws for the new width (lists in place of tables) and the app shell's menu has
    // finished sliding in or out before axe looks: a menu half way would cover the page.
    await page.evaluate(async () => {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      await Promise.all(
        document
          .getAnimations()
          .filter((a) => a instanceof CSSTransition)
          .map((a) => a.finished.catch(() => undefined)),
      );
    });
  }
  const result = await new AxeBuilder({ page, axeSource: 'void 0' })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .withTags(TAGS)
    .analyze();
  return result.violations.map((v) => `${width} px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Both widths, the one the page is at first: one resize a page. */
async function violations(page: Page): Promise<string[]> {
  const order = page.viewportSize()?.width === WIDTHS[1] ? [...WIDTHS].reverse() : WIDTHS;
  const found: string[] = [];
  for (const width of order) found.push(...(await violationsAt(page, width)));
  return found;
}

/**
 * Goes to a page of the signed-in app the way a link does, through its router: a reload for every
 * page (the app's code, who is signed in) would double this file's time. In between, the app shows
 * its not-found page, which loads nothing: the text then awaited can only come from the page asked
 * for, not from the one before, which the router keeps on screen while the next one loads.
 */
async function open(page: Page, path: string, text: string): Promise<void> {
  const go = (to: string) =>
    page.evaluate((to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, to);
  await go('/a11y-between-pages');
  await page.getByTestId('not-found').waitFor();
  await go(path);
  await page.locator('main').getByText(text).first().waitFor();
  // What loads after the text (a chart, a second query) is in place before axe looks.
  await page.waitForTimeout(300);
}

/** Opens the page, waits for the text that says it has loaded, and checks it at both widths. */
async function check(page: Page, path: string, text: string): Promise<string[]> {
  await open(page, path, text);
  return violations(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('accessibility (axe, WCAG 2.1 AA) of every page at 1280 and 390 px, on factory data', () => {
  let app: TestServer;
  let user: SignedInUser;
  let meetingId: string;
  let planId: string;
  let groupId: string;

  beforeAll(async () => {
    app = await startApp();
    const meeting = await app.factory.meeting({
      status: 'minutes-draft',
      content: {
        agenda: [{ id: 'i1', title: 'Rammearkitektur', kind: 'decision', durationMinutes: 30, confidential: false }],
        notes: { i1: ['Vejle fremlagde principperne.'] },
        decisions: { i1: { title: 'Principper vedtaget', text: 'Rådet vedtager principperne.', status: 'adopted' } },
        actions: [{ id: 'a1', title: 'Send principperne i høring', due: '2026-01-15' }],
      },
    });
    meetingId = meeting.id;
    const chair = await app.signIn('chair');
    await app.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    user = await withAxe(await signInAs(browser, app, 'secretary', 'Thomas Lykke'));
    groupId = (
      await app.factory.group({
        members: [{ personId: (await app.factory.person({ role: 'group_lead' })).id, role: 'lead' }],
      })
    ).id;
    planId = (
      await app.factory.plan([
        {
          id: 'ini1',
          title: 'Selvbetjening',
          theme: 'Borgeren',
          status: 'active',
          startDate: '2026-01-01',
          endDate: '2028-01-01',
          description: ['Flere henvendelser løses digitalt.'],
          benefits: [{ id: 'b1', description: 'Tid frigjort', kind: 'time' }],
          indicators: [
            {
              id: 'ind1',
              name: 'Andel digitale',
              unit: '%',
              baseline: 62,
              target: 85,
              measurements: [
                { date: '2026-03-31', value: 64 },
                { date: '2026-06-30', value: 67 },
              ],
            },
          ],
        },
      ])
    ).id;
  }, 60_000);
  afterAll(async () => {
    await user.context.close();
    await app.stop();
  });

  it('has no violations on the sign-in page', async () => {
    const context = await browser.newContext({ baseURL: app.url, locale: 'da-DK' });
    const { page } = await withAxe({ context, page: await context.newPage() });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('has no violations on the pages of a forgotten password, an invitation and a second sign-in step', async () => {
    const context = await browser.newContext({ baseURL: app.url, locale: 'da-DK' });
    const { page } = await withAxe({ context, page: await context.newPage() });
    const found: string[] = [];
    await page.goto('/forgot-password');
    await page.getByRole('button', { name: 'Send link' }).waitFor();
    found.push(...(await violations(page)));

    const admin = await app.signIn('admin');
    const invitation = await app.api('POST', '/api/people/invitations', {
      token: admin.token,
      body: { email: 'a11y@vejle.example', name: 'Asta Ibsen', role: 'observer' },
    });
    const link = invitation.body.link as string;
    await page.goto(link.slice(link.indexOf('/set-password')));
    await page.getByRole('button', { name: 'Gem adgangskode' }).waitFor();
    found.push(...(await violations(page)));
    // Another link is another page load: the page reads its link once, as a tab opened from a mail does.
    await page.goto('about:blank');
    await page.goto('/set-password#forfalsket');
    await page.getByText('Linket er ikke gyldigt.', { exact: false }).waitFor();
    found.push(...(await violations(page)));

    const person = await app.person('council_member');
    const setup = await app.api('POST', '/api/me/two-factor', { token: person.token });
    await app.api('POST', '/api/me/two-factor/confirm', {
      token: person.token,
      body: { code: await generate({ secret: setup.body.secret }) },
    });
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByRole('textbox', { name: 'Adgangskode' }).fill(person.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('button', { name: 'Bekræft' }).waitFor();
    found.push(...(await violations(page)));
    expect(found).toEqual([]);
    await context.close();
  });

  const pages: [name: string, path: () => string, text: string][] = [
    ['home', () => '/', 'Beslutninger fra de seneste 30 dage'],
    ['accessibility statement', () => '/accessibility', 'Kendte mangler'],
    ['meetings', () => '/meetings', 'Tidligere møder'],
    ['approved minutes', () => `/meetings/${meetingId}`, 'Rammearkitektur'],
    ['decision register', () => '/decisions', 'Principper vedtaget'],
    ['decision page', () => '/decisions/2026-001', 'Rådet vedtager principperne.'],
    ['search', () => '/search?q=principperne', 'Principper vedtaget'],
    ['working groups', () => '/groups', 'Testgruppe'],
    ['group board', () => `/groups/${groupId}`, 'Opgavetavle'],
    ['my tasks', () => '/tasks', 'Mine opgaver'],
    ["the council's action points", () => '/actions', 'Send principperne i høring'],
    ['action plan', () => `/plan/${planId}`, 'Selvbetjening'],
    ['initiative', () => `/plan/${planId}/initiatives/ini1`, 'Tilføj måling'],
    ['my account', () => '/account', 'Hvor du er logget ind'],
    ['network', () => '/network', 'Thomas Lykke'],
    ['notifications', () => '/notifications', 'Notifikationer'],
    ['audit log', () => '/audit', 'Referat godkendt'],
  ];
  for (const [name, path, text] of pages) {
    it(`has no violations on ${name}`, async () => {
      expect(await check(user.page, path(), text)).toEqual([]);
    });
  }
  it('logged no browser errors', () => {
    expect(user.errors).toEqual([]);
  });
});

describe('on the demo data (npm run demo)', () => {
  let app: TestServer;
  const users = {} as Record<'secretary' | 'architect' | 'admin', SignedInUser>;
  const signIn = async (email: string) =>
    withAxe(await signInPerson(browser, app, { email, password: DEMO_PASSWORD, name: email }));

  beforeAll(async () => {
    app = await startDemoApp();
    [users.secretary, users.architect, users.admin] = await Promise.all([
      signIn('sekretaer@council.example'),
      signIn('morten.joergensen@koege.example'),
      // Only for the one page only an administrator sees.
      signIn('admin@council.example'),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const user of Object.values(users)) await user.context.close();
    await app.stop();
  });

  type Role = 'secretary' | 'architect' | 'admin';
  // Each page is checked for both people at once, each in their own browser context.
  const pages: [name: string, path: string, text: string, only?: Role][] = [
    ['home', '/', 'Goddag,'],
    ['accessibility statement', '/accessibility', 'Kendte mangler'],
    ['meetings', '/meetings', 'Tidligere møder'],
    ['approved minutes', '/meetings/m-2012-02-23', 'Nedsættelse af arbejdsgruppe for data og integration'],
    ['meeting being prepared', '/meetings/m-2026-12-10', 'Afrapportering fra arbejdsgruppen', 'secretary'],
    ['meeting papers being prepared', '/meetings/m-2026-12-10?tab=papers', 'Indikatorer 2026', 'secretary'],
    ['approved meeting papers', '/meetings/m-2011-11-11?tab=papers', 'Arkivering og aktindsigt'],
    ['meeting templates and series', '/meetings/templates', 'Orientering fra arbejdsgrupperne', 'secretary'],
    ['decision register', '/decisions', 'Revideret indikatorsæt for gevinstrealisering'],
    ['decision page', '/decisions/2012-003', 'Afløser'],
    ['search', '/search?q=rammearkitektur', 'Principper for fælleskommunal rammearkitektur'],
    ['working groups', '/groups', 'Arbejdsgruppe for data og integration'],
    ['group board', '/groups/g-data', 'Afklar hosting af beskedfordeler'],
    ['my tasks', '/tasks', 'Mine opgaver'],
    ["the council's action points", '/actions', 'Udarbejd mandat for arbejdsgruppen'],
    ['action plan', '/plan/p-2026', 'Digital selvbetjening i borgerservice'],
    ['initiative', '/plan/p-2026/initiatives/ini2', 'Forventede gevinster'],
    ['my account', '/account', 'Hvor du er logget ind'],
    ['network', '/network', 'Birgitte Skov'],
    ['notifications', '/notifications', 'Notifikationer'],
    ['audit log', '/audit', 'Referat godkendt', 'secretary'],
    ['outgoing mail', '/admin/mail', 'Udgående post', 'admin'],
  ];
  for (const [name, path, text, only] of pages) {
    const roles: Role[] = only ? [only] : ['secretary', 'architect'];
    it(`has no violations on ${name}, for ${roles.join(' and ')}`, async () => {
      const found = await Promise.all(
        roles.map(async (role) => (await check(users[role].page, path, text)).map((v) => `${role}: ${v}`)),
      );
      expect(found.flat()).toEqual([]);
    });
  }
  it('has no violations on the paper viewer, for secretary and architect', async () => {
    const { id } = app.council.db.prepare("SELECT id FROM papers WHERE title LIKE 'Kommissorium%'").get() as {
      id: string;
    };
    const found = await Promise.all(
      (['secretary', 'architect'] as const).map(async (role) =>
        (await check(users[role].page, `/meetings/m-2011-11-11/papers/${id}`, 'Formål. Kommunernes')).map(
          (v) => `${role}: ${v}`,
        ),
      ),
    );
    expect(found.flat()).toEqual([]);
  });
  it('logged no browser errors', () => {
    for (const user of Object.values(users)) expect(user.errors, user.name).toEqual([]);
  });

  describe('on a 390 px phone (WCAG 1.4.10, reflow)', () => {
    /** Whether the page scrolls sideways, and which badges cut their words off. */
    const overflow = (page: Page) =>
      page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        clippedBadges: [...document.querySelectorAll('.mantine-Badge-root, .mantine-Badge-label')]
          .filter((badge) => badge.scrollWidth > badge.clientWidth)
          .map((badge) => badge.textContent),
      }));

    it('shows the register and the plan as lists, and no page scrolls sideways or cuts a badge', async () => {
      const { page } = users.secretary;
      await page.setViewportSize({ width: 390, height: 900 });
      const pages: [path: string, text: string, list?: string][] = [
        ['/decisions', 'Revideret indikatorsæt for gevinstrealisering', 'register-list'],
        ['/plan/p-2026', 'Fælles principper for brugerstyring', 'plan-list'],
        ['/plan/p-2026/initiatives/ini2', 'Forventede gevinster'],
        ['/meetings', 'Rådsmøde 4/2026'],
        ['/account', 'Denne browser'],
        ['/groups/g-data', 'Afklar hosting af beskedfordeler'],
      ];
      for (const [path, text, list] of pages) {
        await open(page, path, text);
        const { pageWidth, clippedBadges } = await overflow(page);
        expect(pageWidth, path).toBeLessThanOrEqual(390);
        expect(clippedBadges, path).toEqual([]);
        if (!list) continue;
        // A list, not a table to scroll.
        expect(await page.getByTestId(list).isVisible(), path).toBe(true);
        expect(await page.getByRole('table').count(), path).toBe(0);
      }
    });

    it('reaches search from the phone menu', async () => {
      const { page } = users.architect;
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto('/');
      await page.getByRole('button', { name: 'Åbn menu' }).click();
      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Søg' }).click();
      await page.waitForURL((url) => url.pathname === '/search');
      await page.getByRole('heading', { name: 'Søg', exact: true }).waitFor();
    });
  });
});
