import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('agenda proposals', () => {
  it('an architect proposes an item, the secretary sees it at once and puts it on a meeting, and the architect is told', async () => {
    const thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    const nadia = await suite.app.factory.person({ role: 'network_architect', name: 'Nadia Holm' });
    await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 12/2027' });
    const secretary = await suite.signInPerson(thomas);
    const architect = await suite.signInPerson(nadia);
    await secretary.page.goto('/meetings');
    await secretary.page.getByText('Ingen forslag endnu.').waitFor();
    await architect.page.goto('/meetings');

    await architect.page.getByRole('button', { name: 'Foreslå et punkt' }).click();
    await architect.page.getByLabel('Punktets titel').fill('Fælles login til fagsystemer');
    await architect.page.getByLabel('Baggrund (valgfri)').fill('Tre kommuner har samme behov.');
    await architect.page.getByRole('button', { name: 'Send forslag' }).click();
    await architect.page.getByTestId('proposal').getByText('Afventer').waitFor();

    const card = secretary.page.getByTestId('proposal').filter({ hasText: 'Fælles login til fagsystemer' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Foreslået af Nadia Holm');
    await card.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    await card.getByLabel('Møde').click();
    await secretary.page.getByRole('option', { name: /Rådsmøde 12\/2027/ }).click();
    await card.getByRole('button', { name: 'Sæt på dagsorden' }).click();
    await card.getByText('Sat på dagsordenen', { exact: true }).waitFor();

    // The architect's own card says where it went, without a reload, and the bell says so too.
    const mine = architect.page.getByTestId('proposal');
    await expect.poll(() => mine.textContent()).toContain('Sat på dagsordenen til');
    await mine.getByRole('link', { name: 'Rådsmøde 12/2027' }).click();
    await architect.page
      .getByRole('navigation', { name: 'Dagsorden' })
      .getByText('Fælles login til fagsystemer')
      .waitFor();
    await architect.page.goto('/notifications');
    await architect.page
      .getByText('Dit forslag «Fælles login til fagsystemer» er sat på dagsordenen til «Rådsmøde 12/2027».')
      .waitFor();
  });
});
