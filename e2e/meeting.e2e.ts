import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();
const user = suite.signIn;

describe('a council meeting from agenda to approved record', () => {
  it('is built and minuted together, approved by the chair, numbered in the register and read by an architect without the confidential notes', async () => {
    const meeting = await suite.app.factory.meeting({
      status: 'in-session',
      title: 'Rådsmøde 4/2026',
      content: { agenda: [] },
    });
    const chair = await user('chair', 'Mette Kjærgaard');
    const member = await user('council_member', 'Henrik Østergaard');
    await chair.meeting.goto(meeting.id);
    await member.meeting.goto(meeting.id);

    // 1. Two council members build the agenda and take minutes together.
    await chair.meeting.addItem('Principper for rammearkitektur', 'Beslutning', 40);
    await member.meeting.agendaItem('Principper for rammearkitektur').waitFor();
    await member.meeting.agendaItem('Principper for rammearkitektur').click();
    await member.meeting.type('Vejle fremlagde seks principper.');
    await expect.poll(() => chair.meeting.notes.textContent()).toContain('Vejle fremlagde seks principper.');
    await chair.page.getByLabel('Overskrift').fill('Principper for fælleskommunal rammearkitektur');
    await chair.page.getByLabel('Beslutningstekst').fill('Rådet vedtager de seks principper.');
    await chair.page.getByLabel('Status', { exact: true }).first().click();
    await chair.page.getByRole('option', { name: 'Vedtaget' }).click();
    await expect
      .poll(() => member.page.getByLabel('Overskrift').inputValue())
      .toBe('Principper for fælleskommunal rammearkitektur');

    await member.meeting.addItem('Leverandørforhandling', 'Drøftelse', 20);
    await member.page.getByLabel(/Fortroligt punkt/).check();
    await member.meeting.type('Forhandlingsstrategien over for leverandøren.');
    await expect.poll(() => member.meeting.saveState.textContent()).toBe('Gemt');
    await expect.poll(() => chair.page.getByText('I alt 60 minutter').count()).toBe(1);

    // 2. The chair ends the meeting and approves the minutes; the member's page turns read-only live.
    await chair.meeting.transition('Afslut mødet');
    await chair.meeting.transition('Godkend referat', { confirm: /Godkend alligevel/ });
    await expect.poll(() => member.page.getByTestId('meeting-status').textContent()).toBe('Godkendt');
    await member.page.getByRole('tab', { name: 'Dagsorden og referat' }).click();
    await member.meeting.agendaItem('Principper for rammearkitektur').click();
    await expect.poll(() => member.meeting.notes.getAttribute('contenteditable')).toBe('false');

    // 3. The decision is in the register with a number.
    await chair.page.getByRole('link', { name: 'Beslutninger' }).click();
    const row = chair.page.getByRole('row', { name: /2026-001/ });
    await expect.poll(() => row.textContent()).toContain('Principper for fælleskommunal rammearkitektur');

    // 4. An architect reads the approved minutes without the confidential notes and cannot edit.
    const architect = await user('network_architect', 'Ida Sørensen');
    await architect.meeting.goto(meeting.id);
    const minutes = architect.page.getByTestId('approved-minutes');
    await expect.poll(() => minutes.textContent()).toContain('Vejle fremlagde seks principper.');
    expect(await minutes.textContent()).toContain('Beslutning 2026-001');
    expect(await minutes.textContent()).toContain('Leverandørforhandling');
    expect(await minutes.textContent()).not.toContain('Forhandlingsstrategien');
    expect(await architect.page.getByRole('button', { name: 'Genåbn referat' }).count()).toBe(0);
    await architect.page.getByRole('tab', { name: 'Dagsorden og referat' }).click();
    await architect.meeting.agendaItem('Principper for rammearkitektur').click();
    await expect.poll(() => architect.meeting.notes.getAttribute('contenteditable')).toBe('false');
    await architect.meeting.agendaItem('Leverandørforhandling').click();
    await expect
      .poll(() =>
        architect.page.getByText('Fortroligt punkt: referat og beslutning er kun tilgængelige for rådet.').count(),
      )
      .toBeGreaterThan(0);
    expect(await architect.page.getByText('Forhandlingsstrategien').count()).toBe(0);
  });
});
