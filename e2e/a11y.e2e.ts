import AxeBuilder from '@axe-core/playwright';
import type { TestServer } from '@council/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type SignedInUser, signInAs, startApp } from './fixtures.ts';

let browser: Browser;
let app: TestServer;
let user: SignedInUser;
let planId: string;
let groupId: string;

beforeAll(async () => {
  browser = await launchBrowser();
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
  const chair = await app.signIn('chair');
  await app.api('POST', `/api/meetings/${meeting.id}/approve`, {
    token: chair.token,
    body: { confirm: ['attendance'] },
  });
  user = await signInAs(browser, app, 'secretary', 'Thomas Lykke');
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
  await browser.close();
  await app.stop();
});

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe, WCAG 2.1 AA) of every page', () => {
  const pages: [string, () => string, string][] = [
    ['home', () => '/', 'Beslutninger fra de seneste 30 dage'],
    ['accessibility statement', () => '/accessibility', 'Kendte mangler'],
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
    ['audit log', () => '/audit', 'Referat godkendt'],
  ];
  for (const [name, path, text] of pages) {
    it(`has no violations on ${name}`, async () => {
      await user.page.goto(path());
      await user.page.getByText(text).first().waitFor();
      await user.page.waitForTimeout(300);
      expect(await violations(user.page)).toEqual([]);
    });
  }
  it('logged no browser errors', () => {
    expect(user.errors).toEqual([]);
  });
});
