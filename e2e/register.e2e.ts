import { describe, expect, it } from 'vitest';
import { download, e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** Approves a meeting through the API, as the chair would. */
async function approvedMeeting(
  startsAt: string,
  content: NonNullable<Parameters<typeof suite.app.factory.meeting>[0]>['content'],
) {
  const meeting = await suite.app.factory.meeting({ status: 'minutes-draft', content });
  suite.app.council.db.prepare('UPDATE meetings SET starts_at = ? WHERE id = ?').run(startsAt, meeting.id);
  const { token } = await suite.app.signIn('chair');
  expect(
    (await suite.app.api('POST', `/api/meetings/${meeting.id}/approve`, { token, body: { confirm: ['attendance'] } }))
      .status,
  ).toBe(200);
}

describe('the decision register', () => {
  it('lets an architect find a decision from words in approved minutes, follow its supersede chain and take the register to Excel', async () => {
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

    const architect = await suite.signIn('network_architect', 'Ida Sørensen');
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

    // The register for Danish Excel: `;` between quoted cells, Danish headings and status words.
    await page.getByRole('link', { name: 'Beslutninger' }).click();
    const link = page.getByRole('link', { name: 'CSV til dansk Excel' });
    expect(await link.getAttribute('href')).toBe('/api/decisions.csv?format=excel-da');
    const file = await download(page, link);
    expect(file.name).toBe('beslutninger.csv');
    const lines = file.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF"Nummer";"Status";"Besluttet den";"Titel";"Tekst";"Emneord";"Afløser";"Møde-id";"Møde";"Stemmer for";"Stemmer imod";"Undlod at stemme";"Ført til protokol";"Inhabile"',
    );
    expect(lines.find((l) => l.startsWith('"2011-001"'))).toMatch(
      /^"2011-001";"Erstattet";"2011-11-11";"Få indikatorer";/,
    );
    expect(lines.find((l) => l.startsWith('"2012-001"'))).toMatch(/^"2012-001";"Vedtaget";"2012-05-10";/);
  });
});
