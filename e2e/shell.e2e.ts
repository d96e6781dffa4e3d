import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html} ${n.failureSummary}`).join(', ')}`);
}

describe('app shell', () => {
  it('has no WCAG 2.1 AA violations axe can find on sign-in, meetings and a meeting', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 4/2026' });
    const signedIn = await suite.signIn('secretary', 'Thomas Lykke');
    // The home page, where signing in lands, then the meetings list.
    await signedIn.page.getByTestId('home-next-steps').getByRole('link', { name: 'Rådsmøde 4/2026' }).waitFor();
    expect(await axeViolations(signedIn.page)).toEqual([]);
    await signedIn.page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await signedIn.page.waitForURL('**/meetings');
    await signedIn.page.getByRole('heading', { name: 'Kommende møder' }).waitFor();
    await signedIn.page.getByRole('main').getByRole('link', { name: 'Rådsmøde 4/2026' }).waitFor();
    expect(await axeViolations(signedIn.page)).toEqual([]);
    await signedIn.meeting.open(meeting.id);
    await signedIn.page.getByTestId('save-state').waitFor();
    expect(await axeViolations(signedIn.page)).toEqual([]);
  });

  it('switches between Danish and English, keeps the choice, and signs out', async () => {
    const signedIn = await suite.signIn('network_architect', 'Ida Sørensen');
    const { page } = signedIn;
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await expect.poll(() => nav.getByRole('link', { name: 'Beslutninger' }).count()).toBe(1);
    await page.getByText('English').click();
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Decisions' }).count())
      .toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toContain('Signed in as Ida Sørensen · Network architect');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/meetings');
    await page.waitForURL('**/login?next=%2Fmeetings');
  });

  it('starts in the browser’s language when it is English, and keeps a choice made on the device', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Dansk').click();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await context.close();
  });

  it('lets a keyboard user reach the main content and the navigation', async () => {
    const signedIn = await suite.signIn('council_member', 'Henrik Østergaard');
    const { page } = signedIn;
    await page.reload();
    await page.getByRole('link', { name: 'Møder', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Spring til indhold');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('tells a person at sign-in that someone failed to sign in to their account', async () => {
    const person = await suite.app.factory.person({ role: 'council_member', name: 'Lone Bisgaard' });
    for (let i = 0; i < 2; i++) {
      await suite.app.api('POST', '/api/auth/login', { body: { email: person.email, password: 'forkert-gæt' } });
    }
    const lone = await suite.signInPerson(person);
    await expect
      .poll(() => lone.page.getByTestId('failed-sign-ins').textContent())
      .toContain('2 mislykkede loginforsøg');
    await lone.page.getByTestId('failed-sign-ins').getByRole('button', { name: 'Luk' }).click();
    await lone.page.getByTestId('failed-sign-ins').waitFor({ state: 'detached' });
  });

  it('links the accessibility statement from the footer of the sign-in page and of every page after it', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByTestId('site-footer').getByRole('link', { name: 'Tilgængelighedserklæring' }).click();
    await page.waitForURL('**/accessibility');
    await page.getByRole('heading', { name: 'Tilgængelighedserklæring', level: 1 }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('WCAG 2.1');
    await context.close();

    const member = await suite.signIn('council_member', 'Henrik Østergaard');
    for (const path of ['/', '/meetings', '/decisions']) {
      await member.page.goto(path);
      await member.page.getByTestId('site-footer').getByRole('link', { name: 'Tilgængelighedserklæring' }).waitFor();
    }
  });
});
