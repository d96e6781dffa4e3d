import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('search that forgives', () => {
  it('answers a typo with "Mente du" and the results for the word meant, and finds other forms of a word', async () => {
    await suite.app.factory.meeting({
      status: 'minutes-draft',
      title: 'Arbejdsgrupper',
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Kommissorium for arbejdsgruppen',
            kind: 'discussion',
            durationMinutes: 10,
            confidential: false,
          },
        ],
        notes: { i1: ['Gevinstrealisering i de fælles støttesystemer kræver en klar arkitektur.'] },
      },
    });

    const { page } = await suite.signIn('network_architect', 'Ida Sørensen');
    await page.getByRole('link', { name: 'Beslutninger' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('gevinstrealisring');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=gevinstrealisring');

    const correction = page.getByTestId('search-correction');
    await expect.poll(() => correction.textContent()).toBe('Mente du: gevinstrealisering');
    await page
      .getByText('Intet fundet for «gevinstrealisring». Viser resultater for «gevinstrealisering». 1 resultat')
      .waitFor();
    const results = page.getByTestId('search-results');
    await results.getByRole('link', { name: 'Kommissorium for arbejdsgruppen' }).waitFor();
    expect(await results.locator('mark').first().textContent()).toBe('Gevinstrealisering');

    // Following the suggestion searches for it as typed: the same hit, and nothing to correct.
    await correction.getByRole('link', { name: 'gevinstrealisering' }).click();
    await page.waitForURL('**/search?q=gevinstrealisering');
    await page.getByText('1 resultat', { exact: true }).waitFor();
    expect(await correction.count()).toBe(0);
    await results.getByRole('link', { name: 'Kommissorium for arbejdsgruppen' }).waitFor();

    // An inflected form finds the word as written in the notes.
    await page.getByRole('main').getByLabel('Søg i møder, beslutninger, grupper og netværk').fill('støttesystemerne');
    await expect.poll(() => results.locator('mark').allTextContents()).toEqual(['støttesystemer']);
    expect(await correction.count()).toBe(0);
  });
});
