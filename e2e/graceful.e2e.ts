import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Takes out of a person's browser errors those the test caused on purpose; anything else is still reported. */
function expectedErrors(user: { errors: string[] }, pattern: RegExp): void {
  const rest = user.errors.filter((e) => !pattern.test(e));
  user.errors.splice(0, user.errors.length, ...rest);
}

/** What React Router shows when nobody gave it an error page, and what a stack trace looks like. */
async function expectNoDeveloperScreen(page: Page): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  expect(text).not.toContain('Hey developer');
  expect(text).not.toContain('Unexpected Application Error');
  expect(text).not.toMatch(/\bat \S+ \(?https?:\/\//);
}

/** Full page loads (a reload counts), as opposed to the app's own navigation. */
function countPageLoads(page: Page): () => number {
  let loads = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.frame() === page.mainFrame()) loads += 1;
  });
  return () => loads;
}

const RELOADED_AT = 'council:reloaded-after-load-failure';

describe('a page whose code cannot be fetched', () => {
  it('says so in Danish and English, reloads by itself once, and loads the page when asked to', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 9/2026' });
    const ida = await suite.signIn('council_member', 'Ida Holm');
    const { page } = ida;
    const loads = countPageLoads(page);
    // As after a new deployment, or with the network gone: the meeting page's chunk does not arrive.
    await page.route('**/assets/MeetingPage-*.js', (route) => route.abort('failed'));
    await page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Rådsmøde 9/2026' }).click();

    // It reloads by itself once (a new deployment would then be found), finds the chunk still
    // missing, and stays: no loop.
    await expect.poll(loads, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.evaluate((key) => sessionStorage.getItem(key), RELOADED_AT)).not.toBeNull();
    const failed = page.getByTestId('load-failed');
    await failed.getByRole('heading', { name: 'Siden kunne ikke hentes' }).waitFor();
    expect(await failed.textContent()).toContain('Du er måske offline, eller Council er blevet opdateret.');
    await page.waitForTimeout(2000);
    expect(loads()).toBe(1);
    expect(page.url()).toBe(`${suite.app.url}/meetings/${meeting.id}`);
    await expectNoDeveloperScreen(page);
    // The app's frame stays: the menu and the language switch.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/council-load-failed-da.png' });

    await page.getByText('English').click();
    await failed.getByRole('heading', { name: 'The page could not be loaded' }).waitFor();
    expect(await failed.textContent()).toContain('You may be offline, or Council has been updated.');
    await page.screenshot({ path: '/tmp/council-load-failed-en.png' });

    await page.unroute('**/assets/MeetingPage-*.js');
    await failed.getByRole('button', { name: 'Reload the page' }).click();
    await page.getByRole('tablist').waitFor();
    await page.getByRole('heading', { name: 'Rådsmøde 9/2026' }).waitFor();
    expectedErrors(
      ida,
      /Failed to load resource: net::ERR_FAILED|Failed to fetch dynamically imported module|Unable to preload CSS/,
    );
  });

  it('offline: says so, and loads the page by itself when the browser is back online', async () => {
    const group = await suite.app.factory.group({});
    const ida = await suite.signIn('council_member', 'Ida Holm');
    const { page } = ida;
    await ida.context.setOffline(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Arbejdsgrupper' }).click();
    const failed = page.getByTestId('load-failed');
    await failed.getByRole('heading', { name: 'Siden kunne ikke hentes' }).waitFor();
    await expectNoDeveloperScreen(page);
    expect(await failed.getByRole('button', { name: 'Genindlæs siden' }).count()).toBe(1);

    const loads = countPageLoads(page);
    await ida.context.setOffline(false);
    await page.getByRole('heading', { name: 'Arbejdsgrupper' }).waitFor();
    await page.getByRole('link', { name: 'Testgruppe' }).first().waitFor();
    expect(loads()).toBe(1);
    expect(group.id).toBeTruthy();
    expectedErrors(
      ida,
      /Failed to load resource: net::ERR_INTERNET_DISCONNECTED|Failed to fetch dynamically imported module|ERR_INTERNET_DISCONNECTED|Unable to preload CSS/,
    );
  });

  it('when the browser says online while the code is still missing, tries again, but once a minute at most by itself', async () => {
    const ida = await suite.signIn('council_member', 'Ida Holm');
    const { page } = ida;
    await page.route('**/assets/DecisionsPage-*.js', (route) => route.abort('failed'));
    await page.getByRole('navigation').getByRole('link', { name: 'Beslutninger' }).click();
    const failed = page.getByTestId('load-failed');
    await expect.poll(() => page.evaluate((key) => sessionStorage.getItem(key), RELOADED_AT)).not.toBeNull();
    await failed.getByRole('heading', { name: 'Siden kunne ikke hentes' }).waitFor();
    const loads = countPageLoads(page);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(loads).toBe(1);
    await failed.getByRole('heading', { name: 'Siden kunne ikke hentes' }).waitFor();
    await page.waitForTimeout(2000);
    expect(loads()).toBe(1);

    await page.unroute('**/assets/DecisionsPage-*.js');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByRole('heading', { name: 'Beslutninger', level: 2 }).waitFor();
    expectedErrors(
      ida,
      /Failed to load resource: net::ERR_FAILED|Failed to fetch dynamically imported module|Unable to preload CSS/,
    );
  });
});

describe('any other error on a page', () => {
  it('says so calmly, without details, with a way home', async () => {
    const ida = await suite.signIn('council_member', 'Ida Holm');
    const { page } = ida;
    // A page whose code arrives but fails as it runs.
    await page.route('**/assets/GroupsPage-*.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("Sprængt i stumper");' }),
    );
    await page.getByRole('navigation').getByRole('link', { name: 'Arbejdsgrupper' }).click();
    const crashed = page.getByTestId('page-error');
    await crashed.getByRole('heading', { name: 'Noget gik galt på denne side' }).waitFor();
    await expectNoDeveloperScreen(page);
    expect(await page.locator('body').textContent()).not.toContain('Sprængt i stumper');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/council-page-error-da.png' });

    await page.unroute('**/assets/GroupsPage-*.js');
    await crashed.getByRole('link', { name: 'Til forsiden' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('home-next-meeting').waitFor();
    expectedErrors(ida, /Sprængt i stumper/);
  });
});

describe('what does not exist, or may not be seen', () => {
  async function expectNotFound(page: Page, path: string, text: string) {
    await page.goto(path);
    const notFound = page.getByTestId('not-found');
    await notFound.getByRole('heading', { name: 'Ikke fundet' }).waitFor();
    expect(await notFound.textContent()).toContain(text);
    expect(await page.getByRole('button', { name: 'Prøv igen' }).count()).toBe(0);
    expect(await page.getByText('Noget gik galt').count()).toBe(0);
    expect(await notFound.getByRole('link', { name: 'Til forsiden' }).getAttribute('href')).toBe('/');
  }

  it('meetings: an unknown one and a draft the network does not see', async () => {
    const draft = await suite.app.factory.meeting({ status: 'draft', title: 'Rådsmøde 10/2026' });
    const morten = await suite.signIn('network_architect', 'Morten Jørgensen');
    await expectNotFound(
      morten.page,
      '/meetings/m-findes-ikke',
      'Mødet findes ikke, eller du har ikke adgang til det.',
    );
    expect(await axeViolations(morten.page)).toEqual([]);
    await morten.page.screenshot({ path: '/tmp/council-not-found-meeting.png' });
    await expectNotFound(morten.page, `/meetings/${draft.id}`, 'Mødet findes ikke');
    await expectNotFound(morten.page, '/meetings/ikke%20et%20id', 'Mødet findes ikke');
    await morten.page.getByTestId('not-found').getByRole('link', { name: 'Til forsiden' }).click();
    await morten.page.waitForURL((url) => url.pathname === '/');
    expectedErrors(morten, /status of (404|400)/);
  });

  it('working groups: an unknown one and a closed one an observer does not see', async () => {
    const lead = await suite.app.factory.person({ role: 'group_lead' });
    const closed = await suite.app.factory.group({
      visibility: 'closed',
      members: [{ personId: lead.id, role: 'lead' }],
    });
    const ole = await suite.signIn('observer', 'Ole Møller');
    await expectNotFound(
      ole.page,
      '/groups/g-findes-ikke',
      'Arbejdsgruppen findes ikke, eller du har ikke adgang til den.',
    );
    await expectNotFound(ole.page, `/groups/${closed.id}`, 'Arbejdsgruppen findes ikke');
    expectedErrors(ole, /status of 404/);
  });

  it('decisions, and plans and initiatives', async () => {
    const planId = (await suite.app.factory.plan([])).id;
    const henrik = await suite.signIn('council_member', 'Henrik Østergaard');
    await expectNotFound(
      henrik.page,
      '/decisions/2026-999',
      'Beslutningen findes ikke, eller du har ikke adgang til den.',
    );
    await expectNotFound(henrik.page, '/plan/p-findes-ikke', 'Handlingsplanen findes ikke.');
    await expectNotFound(henrik.page, '/plan/p-findes-ikke/initiatives/i1', 'Handlingsplanen findes ikke.');
    await expectNotFound(henrik.page, `/plan/${planId}/initiatives/i-findes-ikke`, 'Initiativet findes ikke.');
    await henrik.page.getByText('English').click();
    await henrik.page.getByTestId('not-found').getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await henrik.page.getByTestId('not-found').textContent()).toContain('The initiative does not exist.');
    expectedErrors(henrik, /status of 404/);
  });
});
