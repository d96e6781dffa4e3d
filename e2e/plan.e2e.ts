import { describe, expect, it } from 'vitest';
import { download, e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('the action plan', () => {
  it('shows a measurement one council member adds on the chart another is watching, without a reload', async () => {
    const plan = await suite.app.factory.plan([
      {
        id: 'ini1',
        title: 'Digital selvbetjening',
        theme: 'Borgeren i centrum',
        status: 'active',
        startDate: '2026-01-01',
        endDate: '2028-01-01',
        description: ['Flere henvendelser løses digitalt.'],
        benefits: [{ id: 'b1', description: 'Tid frigjort i borgerservice', kind: 'time' }],
        indicators: [
          {
            id: 'ind1',
            name: 'Andel digitale henvendelser',
            unit: '%',
            baseline: 62,
            target: 85,
            measurements: [{ date: '2026-03-31', value: 64 }],
          },
        ],
      },
    ]);
    const watcher = await suite.signIn('council_member', 'Henrik Østergaard');
    const editor = await suite.signIn('council_member', 'Karen Holm');
    for (const u of [watcher, editor]) {
      await u.page.goto(`/plan/${plan.id}/initiatives/ini1`);
      await u.page.getByTestId('indicator-ind1').waitFor();
    }
    const watched = watcher.page.getByTestId('indicator-ind1');
    await expect.poll(() => watched.locator('.recharts-dot').count()).toBe(1);
    // Danish number format and round ticks: 8,7 %, not 8.695652173913043; 60, 70, 80, 90 on the axis.
    expect(await watched.textContent()).toContain('Fremdrift 8,7 %');
    const ticks = watched.locator('.recharts-cartesian-axis-tick-value');
    await expect
      .poll(() => ticks.allTextContents())
      .toEqual(expect.arrayContaining(['60', '70', '80', '90', 'mar. 2026']));
    expect((await ticks.allTextContents()).join(' ')).not.toMatch(/\d[.,]\d/);

    const form = editor.page.getByRole('form', { name: 'Tilføj måling: Andel digitale henvendelser' });
    await form.getByLabel('Dato').fill('2026-09-30');
    await form.getByLabel('Værdi').fill('71');
    await form.getByRole('button', { name: 'Tilføj måling' }).click();

    await expect.poll(() => watched.getByTestId('measurements').textContent()).toContain('71');
    await expect.poll(() => watched.locator('.recharts-dot').count()).toBe(2);

    // The indicator's name is live text: a rename reaches the other screen as it is typed.
    const name = editor.page.getByTestId('indicator-ind1').getByRole('textbox', { name: /^Navn/ });
    await name.click();
    await editor.page.keyboard.press('End');
    await editor.page.keyboard.type(' i alt');
    await expect
      .poll(() => watched.getByRole('textbox', { name: /^Navn/ }).inputValue())
      .toBe('Andel digitale henvendelser i alt');

    await watcher.page.getByRole('link', { name: '← Handlingsplan' }).click();
    await expect.poll(() => watcher.page.getByTestId('plan-dashboard').textContent()).toContain('På sporet');

    // The plan for Danish Excel: `;` between quoted cells, Danish headings and status words.
    const link = watcher.page.getByRole('link', { name: 'Hent som CSV til dansk Excel' });
    expect(await link.getAttribute('href')).toBe(`/api/plans/${plan.id}/export.csv?format=excel-da`);
    const file = await download(watcher.page, link);
    const lines = file.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF"Initiativ-id";"Initiativ";"Tema";"Status";"Ejer (arbejdsgruppe)";"Start";"Slut";"Indikator";"Enhed";"Udgangspunkt";"Mål";"Dato";"Værdi"',
    );
    expect(lines).toContain(
      '"ini1";"Digital selvbetjening";"Borgeren i centrum";"Aktiv";"";"2026-01-01";"2028-01-01";"Andel digitale henvendelser i alt";"%";"62";"85";"2026-09-30";"71"',
    );
  });
});
