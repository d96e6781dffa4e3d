import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** One initiative (2026–2028) with one indicator (62 → 85 %) and no measurements yet. */
const selfServicePlan = () =>
  suite.app.factory.plan([
    {
      id: 'ini1',
      title: 'Digital selvbetjening',
      theme: 'Borgeren i centrum',
      status: 'active',
      startDate: '2026-01-01',
      endDate: '2028-01-01',
      description: [],
      benefits: [],
      indicators: [
        { id: 'ind1', name: 'Andel digitale henvendelser', unit: '%', baseline: 62, target: 85, measurements: [] },
      ],
    },
  ]);

const count = (sql: string, ...params: string[]) =>
  (suite.app.council.db.prepare(sql).get(...params) as { n: number }).n;

describe('forms that cannot do harm', () => {
  it('creates one meeting, one call and one measurement however fast the button is clicked twice', async () => {
    const secretary = await suite.signIn('secretary', 'Thomas Lykke');
    await secretary.page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await secretary.page.getByRole('button', { name: 'Nyt møde' }).click();
    const dialog = secretary.page.getByRole('dialog', { name: 'Opret møde' });
    await dialog.getByLabel('Titel').fill('Rådsmøde januar 2027');
    await dialog.getByLabel('Dato').fill('2027-01-14');
    await dialog.getByRole('button', { name: 'Opret møde' }).dblclick();
    await secretary.page.waitForURL('**/meetings/m-*');
    await secretary.page.waitForTimeout(500); // a second meeting would have been created by now
    expect(count('SELECT count(*) AS n FROM meetings WHERE title = ?', 'Rådsmøde januar 2027')).toBe(1);

    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const group = await suite.app.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const leader = await suite.signInPerson(lead);
    await leader.page.goto(`/groups/${group.id}`);
    const callForm = leader.page.getByRole('form', { name: 'Slå en opgave op for netværket' });
    // A blank call cannot be sent.
    expect(await callForm.getByRole('button', { name: 'Offentliggør opslag' }).isDisabled()).toBe(true);
    await callForm.getByLabel('Søgte kompetencer (adskil med komma)').fill('Geodata');
    await callForm.getByLabel('Beskrivelse').fill('Vi søger en geodataarkitekt.');
    await callForm.getByRole('button', { name: 'Offentliggør opslag' }).dblclick();
    await leader.page.getByText('Vi søger en geodataarkitekt.').first().waitFor();
    await leader.page.waitForTimeout(500);
    expect(count('SELECT count(*) AS n FROM group_calls WHERE group_id = ?', group.id)).toBe(1);

    const plan = await selfServicePlan();
    await secretary.page.goto(`/plan/${plan.id}/initiatives/ini1`);
    const measurement = secretary.page.getByRole('form', { name: 'Tilføj måling: Andel digitale henvendelser' });
    await measurement.getByLabel('Dato').fill('2026-09-30');
    await measurement.getByLabel('Værdi').fill('71');
    await measurement.getByRole('button', { name: 'Tilføj måling' }).dblclick();
    const points = secretary.page.getByTestId('indicator-ind1').getByTestId('measurements');
    await expect.poll(() => points.textContent()).toContain('71');
    await secretary.page.waitForTimeout(500);
    expect((await points.textContent())?.match(/71/g)).toHaveLength(1);
  });

  it('asks before a dialog with unsaved changes is closed by Escape or a click outside, and starts clean after', async () => {
    const secretary = await suite.signIn('secretary', 'Thomas Lykke');
    const { page } = secretary;
    await page.getByRole('navigation').getByRole('link', { name: 'Møder' }).click();
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    const dialog = page.getByRole('dialog', { name: 'Opret møde' });
    // Nothing typed: Escape closes at once.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Nyt møde' }).click();
    await dialog.getByLabel('Titel').fill('Temamøde om data');
    await page.keyboard.press('Escape');
    const ask = dialog.getByTestId('discard-changes');
    await ask.getByText('Vil du kassere det, du har skrevet?').waitFor();
    // The safe choice has the focus: Enter keeps writing.
    await page.keyboard.press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Titel').inputValue()).toBe('Temamøde om data');

    await page.mouse.click(5, 5); // outside the dialog
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Kassér' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    expect(await dialog.getByLabel('Titel').inputValue()).toBe('');
  });

  it("says a live field's limit as it nears it, so a paste cut at the limit is not cut silently", async () => {
    const meeting = await suite.app.factory.meeting({ status: 'draft', title: 'Rådsmøde 1/2027' });
    const secretary = await suite.signIn('secretary', 'Thomas Lykke');
    await secretary.meeting.open(meeting.id, 'i1');
    const title = secretary.page.locator('[data-field="agenda:i1:title"]');
    await title.fill('x'.repeat(280));
    await secretary.page.getByText('280 af højst 300 tegn').waitFor();
    await title.fill('Kort titel');
    await secretary.page.getByText(/af højst 300 tegn/).waitFor({ state: 'detached' });
  });

  it('asks before saving a measurement outside its period or far above its target, and a task already overdue', async () => {
    const plan = await selfServicePlan();
    const member = await suite.signIn('council_member', 'Karen Holm');
    await member.page.goto(`/plan/${plan.id}/initiatives/ini1`);
    const form = member.page.getByRole('form', { name: 'Tilføj måling: Andel digitale henvendelser' });
    await form.getByLabel('Dato').fill('2025-06-30');
    await form.getByLabel('Værdi').fill('71');
    await form.getByRole('button', { name: 'Tilføj måling' }).click();
    const ask = form.getByTestId('ask-first');
    await ask.getByText('Datoen ligger uden for initiativets periode').waitFor();
    await ask.getByRole('button', { name: 'Ret' }).click();
    await form.getByLabel('Dato').fill('2026-09-30');
    await form.getByLabel('Værdi').fill('900');
    await form.getByRole('button', { name: 'Tilføj måling' }).click();
    await ask.getByText('Værdien er mere end ti gange målet').waitFor();
    await ask.getByRole('button', { name: 'Gem alligevel' }).click();
    const points = member.page.getByTestId('indicator-ind1').getByTestId('measurements');
    await expect.poll(() => points.textContent()).toContain('900');

    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const group = await suite.app.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const leader = await suite.signInPerson(lead);
    await leader.page.goto(`/groups/${group.id}`);
    const add = leader.page.getByRole('form', { name: 'Tilføj opgave' });
    await add.getByRole('textbox', { name: /Opgave/ }).fill('Kortlæg integrationer');
    await add.getByLabel('Frist').fill('2020-01-31');
    await add.getByRole('button', { name: 'Tilføj opgave' }).click();
    await add.getByTestId('ask-first').getByText('Fristen 31. januar 2020 er allerede overskredet.').waitFor();
    await add.getByRole('button', { name: 'Gem alligevel' }).click();
    await leader.page.getByText('Kortlæg integrationer').first().waitFor();
  });
});
