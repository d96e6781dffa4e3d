import type { TestServer } from '@council/server/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, type SignedInUser, signInAs, startApp } from './fixtures.ts';

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

/** Approves a meeting through the API, as the chair would. */
async function approvedMeeting(
  startsAt: string,
  content: NonNullable<Parameters<TestServer['factory']['meeting']>[0]>['content'],
) {
  const meeting = await app.factory.meeting({ status: 'minutes-draft', content });
  app.council.db.prepare('UPDATE meetings SET starts_at = ? WHERE id = ?').run(startsAt, meeting.id);
  const { token } = await app.signIn('chair');
  expect((await app.api('POST', `/api/meetings/${meeting.id}/approve`, { token })).status).toBe(200);
}

describe('the decision register', () => {
  it('lets an architect find a decision from words in approved minutes and follow its supersede chain', async () => {
    await approvedMeeting('2011-11-11T09:00:00+01:00', {
      agenda: [{ id: 'i1', title: 'Gevinstrealisering', kind: 'decision', durationMinutes: 30, confidential: false }],
      notes: { i1: ['Rådet drøftede botanikeren i drivhuset og høsten af gevinsterne.'] },
      decisions: { i1: { title: 'Få indikatorer', text: 'Start med få indikatorer.', status: 'adopted' } },
    });
    await approvedMeeting('2012-05-10T09:00:00+02:00', {
      agenda: [{ id: 'i1', title: 'Indikatorer', kind: 'decision', durationMinutes: 30, confidential: false }],
      decisions: {
        i1: {
          title: 'Revideret indikatorsæt',
          text: 'Højst tre indikatorer.',
          status: 'adopted',
          supersedes: ['2011-001'],
        },
      },
    });

    const architect = await signInAs(browser, app, 'network_architect', 'Ida Sørensen');
    users.push(architect);
    const { page } = architect;
    await page.getByRole('link', { name: 'Beslutninger' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('drivhuset');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=drivhuset');
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.textContent()).toContain('Gevinstrealisering');
    expect(await results.locator('mark').first().textContent()).toBe('drivhuset');

    await results.getByRole('link', { name: 'Gevinstrealisering' }).click();
    await page
      .getByTestId('approved-minutes')
      .getByRole('link', { name: /Beslutning 2011-001/ })
      .click();
    await page.waitForURL('**/decisions/2011-001');
    await expect.poll(() => page.getByTestId('decision-text').textContent()).toBe('Start med få indikatorer.');
    await page.getByRole('region', { name: 'Afløst af' }).getByRole('link', { name: '2012-001' }).click();
    await page.waitForURL('**/decisions/2012-001');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Revideret indikatorsæt');
    await page.getByRole('region', { name: 'Afløser' }).getByRole('link', { name: '2011-001' }).waitFor();
  });
});
