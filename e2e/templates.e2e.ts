import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** The title fields of the template dialog's items, in order. */
const itemTitles = (page: Page) =>
  page
    .getByRole('dialog')
    .getByTestId('template-item-row')
    .evaluateAll((rows) => rows.map((row) => (row.querySelector('input') as HTMLInputElement).value));

/** Chooses an option of a Mantine select inside the n-th item row. */
async function choose(page: Page, row: number, label: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByTestId('template-item-row').nth(row).getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('meeting templates', () => {
  it('the secretary makes a template, a meeting from it has its items, and the meeting’s agenda is saved as another', async () => {
    const chair = await suite.app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
    const secretary = await suite.signIn('secretary', 'Søren Lykke');
    const { page } = secretary;

    await page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await page.getByRole('link', { name: 'Skabeloner' }).click();
    await page.getByRole('heading', { name: 'Mødeskabeloner' }).waitFor();
    await page.getByText('Der er ingen skabeloner endnu.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Ny skabelon' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny mødeskabelon' });
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Ordinært rådsmøde');
    const rows = dialog.getByTestId('template-item-row');
    await rows.nth(0).getByRole('textbox', { name: 'Punktets titel' }).fill('Godkendelse af dagsorden');
    await choose(page, 0, 'Type', 'Beslutning');
    await rows.nth(0).getByRole('textbox', { name: 'Varighed (minutter)' }).fill('5');
    await choose(page, 0, 'Oplægsholder', 'Formand');

    // A new item's title has the focus: typing goes straight into it.
    await dialog.getByRole('button', { name: 'Tilføj punkt' }).click();
    await page.keyboard.type('Eventuelt');
    await choose(page, 1, 'Type', 'Drøftelse');
    await dialog.getByRole('button', { name: 'Tilføj punkt' }).click();
    await page.keyboard.type('Meddelelser fra formanden');
    await choose(page, 2, 'Oplægsholder', 'Formand');
    // Moved above "Eventuelt" with the keyboard; the focus stays with the moved item.
    await dialog.getByRole('button', { name: 'Flyt «Meddelelser fra formanden» op' }).click();
    expect(await itemTitles(page)).toEqual(['Godkendelse af dagsorden', 'Meddelelser fra formanden', 'Eventuelt']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Flyt «Meddelelser fra formanden» op');

    // An item without a title is refused, and the field says why.
    await dialog.getByRole('button', { name: 'Tilføj punkt' }).click();
    await dialog.getByRole('button', { name: 'Gem skabelon' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Tjek de markerede felter.' }).waitFor();
    await rows.nth(3).getByText('Skal udfyldes.').waitFor();
    await dialog.getByRole('button', { name: 'Fjern punkt 4' }).click();
    // The refused save is logged by the browser as a 400.
    secretary.errors.splice(0, secretary.errors.length, ...secretary.errors.filter((e) => !/status of 400/.test(e)));
    await dialog.getByRole('button', { name: 'Gem skabelon' }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.getByTestId('template-card').filter({ hasText: 'Ordinært rådsmøde' });
    await card.waitFor();
    expect(await card.getByRole('listitem').allTextContents()).toEqual([
      'Godkendelse af dagsorden · Beslutning · 5 minutter · Formand',
      'Meddelelser fra formanden · Orientering · 10 minutter · Formand',
      'Eventuelt · Drøftelse · 10 minutter',
    ]);

    // A meeting from the template: its agenda has the items, the chair presenting hers.
    await page.getByRole('link', { name: '← Alle møder' }).click();
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    const create = page.getByRole('dialog', { name: 'Opret møde' });
    await create.getByLabel('Skabelon', { exact: true }).click();
    await page.getByRole('option', { name: 'Ordinært rådsmøde (3 punkter)' }).click();
    expect(await create.getByRole('textbox', { name: 'Titel' }).inputValue()).toBe('Ordinært rådsmøde');
    await create.getByRole('textbox', { name: 'Titel' }).fill('Rådsmøde 2/2027');
    await create.getByLabel('Dato').fill('2027-02-11');
    await create.getByRole('button', { name: 'Opret møde' }).click();
    await page.waitForURL('**/meetings/m-*');
    const meetingId = new URL(page.url()).pathname.split('/').pop() as string;
    for (const title of ['Godkendelse af dagsorden', 'Meddelelser fra formanden', 'Eventuelt']) {
      await secretary.meeting.agendaItem(title).waitFor();
    }
    const order = await page
      .getByRole('navigation', { name: 'Dagsorden' })
      .getByRole('button', { name: /^\d+\. / })
      .allTextContents();
    expect(order).toEqual([
      expect.stringMatching(/^1\. Godkendelse af dagsorden/),
      expect.stringMatching(/^2\. Meddelelser fra formanden/),
      expect.stringMatching(/^3\. Eventuelt/),
    ]);
    await secretary.meeting.agendaItem('Meddelelser fra formanden').click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Oplægsholder' }).inputValue())
      .toBe(`${chair.name} (${chair.organisation})`);
    // Still there after a reload: it is in the document, not only in this browser.
    await page.reload();
    await secretary.meeting.agendaItem('Eventuelt').waitFor();

    // "Gem som skabelon": the meeting's agenda becomes a second template.
    await page.getByRole('button', { name: 'Gem som skabelon' }).click();
    const save = page.getByRole('dialog', { name: 'Gem dagsordenen som skabelon' });
    expect(await save.getByRole('textbox', { name: 'Navn' }).inputValue()).toBe('Rådsmøde 2/2027');
    await save.getByRole('textbox', { name: 'Navn' }).fill('Som februarmødet');
    await save.getByRole('button', { name: 'Gem skabelon' }).click();
    await save.getByText('Skabelonen «Som februarmødet» er gemt.').waitFor();
    await save.getByRole('link', { name: 'Gå til skabelonerne' }).click();
    const copy = page.getByTestId('template-card').filter({ hasText: 'Som februarmødet' });
    await copy.waitFor();
    expect(await copy.getByRole('listitem').count()).toBe(3);
    expect(meetingId).toMatch(/^m-/);

    // Deleting asks first; cancelling keeps it.
    await page.getByRole('button', { name: 'Slet «Som februarmødet»' }).click();
    const confirm = page.getByRole('dialog', { name: 'Slet skabelonen?' });
    await confirm.getByRole('button', { name: 'Annuller' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await copy.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Slet «Som februarmødet»' }).click();
    await confirm.getByRole('button', { name: 'Slet skabelonen' }).click();
    await copy.waitFor({ state: 'detached' });
    expect(await page.getByTestId('template-card').count()).toBe(1);

    // On a phone the page and the editing dialog fit the screen.
    await page.setViewportSize({ width: 390, height: 900 });
    // The app shell's menu slides out as the screen narrows; measured once it has.
    const width = () =>
      page.evaluate(async () => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
        return document.documentElement.scrollWidth;
      });
    expect(await width()).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Rediger «Ordinært rådsmøde»' }).click();
    const edit = page.getByRole('dialog', { name: 'Rediger «Ordinært rådsmøde»' });
    await edit.getByTestId('template-item-row').first().waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    const dialogWidth = await edit.evaluate((el) => el.getBoundingClientRect().width);
    expect(dialogWidth).toBeLessThanOrEqual(390);
    await edit.getByRole('button', { name: 'Annuller' }).click();
  });

  it('a series makes its next meetings from a template, and stopping it keeps them', async () => {
    await suite.app.council.repos.templates.create({
      id: 't-kvartal',
      name: 'Ordinært rådsmøde',
      description: '',
      items: [
        {
          title: 'Godkendelse af dagsorden',
          kind: 'decision',
          durationMinutes: 5,
          presenterRole: 'chair',
          confidential: false,
        },
        { title: 'Eventuelt', kind: 'discussion', durationMinutes: 10, presenterRole: null, confidential: false },
      ],
    });
    const secretary = await suite.signIn('secretary', 'Søren Lykke');
    const { page } = secretary;
    await page.goto('/meetings/templates');
    await page.getByText('Der er ingen mødeserier endnu.').waitFor();
    await page.getByRole('button', { name: 'Ny serie' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny mødeserie' });
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Kvartalsmøde');
    await dialog.getByRole('textbox', { name: 'Hver' }).fill('3');
    await dialog.getByLabel('Første møde').fill('2040-03-14');
    await dialog.getByRole('textbox', { name: 'Sted eller onlinelink' }).fill('KL-huset');
    await dialog.getByRole('button', { name: 'Opret serien' }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.getByTestId('series-card').filter({ hasText: 'Kvartalsmøde' });
    await card.getByText('Hver 3. måned kl. 09.00, 180 minutter · KL-huset').waitFor();
    expect(await card.getByRole('link').allTextContents()).toEqual([
      'Kvartalsmøde 14. marts 2040',
      'Kvartalsmøde 14. juni 2040',
    ]);
    await card.getByRole('link', { name: 'Kvartalsmøde 14. marts 2040' }).click();
    await page.waitForURL('**/meetings/m-*');
    await secretary.meeting.agendaItem('Godkendelse af dagsorden').waitFor();
    await secretary.meeting.agendaItem('Eventuelt').waitFor();

    await page.goto('/meetings/templates');
    await page.getByRole('button', { name: 'Stop serien «Kvartalsmøde»' }).click();
    const confirm = page.getByRole('dialog', { name: 'Stop serien?' });
    await confirm.getByRole('button', { name: 'Stop serien' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('Der er ingen mødeserier endnu.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await page.getByRole('link', { name: 'Kvartalsmøde 14. juni 2040' }).waitFor();
  });

  it('is not offered to the network: no link, and the page says there is no access', async () => {
    const architect = await suite.signIn('network_architect', 'Morten Jørgensen');
    await architect.page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await architect.page.getByRole('heading', { name: 'Møder' }).waitFor();
    expect(await architect.page.getByRole('link', { name: 'Skabeloner' }).count()).toBe(0);
    await architect.page.goto('/meetings/templates');
    await architect.page.getByTestId('not-found').waitFor();
    // The refused request is logged by the browser as a 403.
    architect.errors.splice(0, architect.errors.length, ...architect.errors.filter((e) => !/status of 403/.test(e)));
  });
});
