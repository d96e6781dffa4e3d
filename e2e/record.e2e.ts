import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();
const user = suite.signIn;

const decisionMeeting = () =>
  suite.app.factory.meeting({
    status: 'in-session',
    title: 'Rådsmøde 6/2026',
    content: {
      agenda: [
        {
          id: 'i1',
          title: 'Indikatorer for gevinstrealisering',
          kind: 'decision',
          durationMinutes: 30,
          confidential: false,
        },
        { id: 'i2', title: 'Eventuelt', kind: 'discussion', durationMinutes: 10, confidential: false },
      ],
      decisions: { i1: { title: 'Indikatorer', text: 'Rådet godkender indikatorerne.', status: 'adopted' } },
    },
  });

describe('a record the council can trust', () => {
  it('keeps both members’ words when they type in the decision wording at once, at the start and at the end, through approval', async () => {
    const meeting = await decisionMeeting();
    const mette = await user('chair', 'Mette Kjærgaard');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await mette.meeting.open(meeting.id, 'i1');
    await henrik.meeting.open(meeting.id, 'i1');
    const wording = (u: typeof mette) => u.page.getByLabel('Beslutningstekst');
    await expect.poll(() => wording(henrik).inputValue()).toBe('Rådet godkender indikatorerne.');

    await wording(mette).click();
    await mette.page.keyboard.press('Control+Home');
    await wording(henrik).click();
    await henrik.page.keyboard.press('Control+End');
    // Both type at the same moment, keystroke by keystroke.
    await Promise.all([
      mette.page.keyboard.type('KIT: ', { delay: 40 }),
      henrik.page.keyboard.type(' Sekretariatet følger op.', { delay: 15 }),
    ]);
    const wanted = 'KIT: Rådet godkender indikatorerne. Sekretariatet følger op.';
    await expect.poll(() => wording(mette).inputValue()).toBe(wanted);
    await expect.poll(() => wording(henrik).inputValue()).toBe(wanted);
    // Each sees where the other's caret is in the wording: Mette's after "KIT: ", Henrik's at the end.
    await expect.poll(() => henrik.page.locator('[data-caret-of="Mette Kjærgaard"]').count()).toBe(1);
    await expect.poll(() => mette.page.locator('[data-caret-of="Henrik Østergaard"]').count()).toBe(1);
    const metteCaret = await henrik.page.locator('[data-caret-of="Mette Kjærgaard"]').boundingBox();
    const henrikCaret = await mette.page.locator('[data-caret-of="Henrik Østergaard"]').boundingBox();
    expect(metteCaret && henrikCaret && metteCaret.x < henrikCaret.x).toBe(true);
    await expect.poll(() => mette.meeting.saveState.textContent()).toBe('Gemt');
    await expect.poll(() => henrik.meeting.saveState.textContent()).toBe('Gemt');

    // Undo takes back only one's own typing.
    await henrik.page.keyboard.press('Control+z');
    await expect.poll(() => wording(mette).inputValue()).toMatch(/^KIT: Rådet godkender indikatorerne\./);

    await henrik.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => wording(mette).inputValue()).toBe(wanted);
    await mette.meeting.transition('Afslut mødet');
    // The approval dialog lists what will be numbered, and waits for the attendance tick.
    await mette.page.getByRole('button', { name: 'Godkend referat' }).click();
    const check = mette.page.getByTestId('approval-check');
    await expect.poll(() => check.textContent()).toMatch(/Beslutninger, der får numre\d{4}-\d{3} Indikatorer/);
    const confirm = mette.page.getByRole('dialog').getByRole('button', { name: 'Bekræft' });
    expect(await confirm.isDisabled()).toBe(true);
    await mette.page
      .getByRole('dialog')
      .getByLabel(/Godkend alligevel/)
      .check();
    await confirm.click();
    await mette.page.getByRole('dialog').waitFor({ state: 'detached' });
    const register = await suite.app.api('GET', `/api/decisions?meeting=${meeting.id}`, {
      token: (await suite.app.signIn('chair')).token,
    });
    expect(register.body.items[0].text).toBe(wanted);
    const number = register.body.items[0].number;
    await mette.page.goto(`/meetings/${meeting.id}?tab=agenda&item=i1`);
    await expect.poll(() => mette.page.getByTestId('decision-number').textContent()).toBe(number);
    const chair = (await suite.app.signIn('chair')).token;
    const minutes = await suite.app.api('GET', `/api/meetings/${meeting.id}/minutes`, { token: chair });
    expect(minutes.body.markdown).toContain(wanted);
  });

  it('tells a member typing in an item that the secretary removed it, and restores it with the notes intact', async () => {
    const meeting = await decisionMeeting();
    const secretary = await user('secretary', 'Thomas Lykke');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await henrik.meeting.open(meeting.id, 'i2');
    await henrik.meeting.type('Henrik noterer løbende.');
    await secretary.meeting.open(meeting.id, 'i2');
    await secretary.page.getByRole('button', { name: 'Fjern punkt' }).click();
    await secretary.page.getByRole('dialog').getByRole('button', { name: 'Fjern punkt' }).click();

    await expect.poll(() => henrik.page.getByTestId('item-removed').textContent()).toContain('Thomas Lykke');
    await henrik.meeting.type(' Og skriver videre.');
    await expect.poll(() => henrik.meeting.saveState.textContent()).toBe('Gemt');
    await henrik.page.getByRole('button', { name: 'Gendan punktet' }).click();
    await expect.poll(() => secretary.meeting.agendaItem('Eventuelt').count()).toBe(1);
    await secretary.meeting.agendaItem('Eventuelt').click();
    await expect
      .poll(() => secretary.meeting.notes.textContent())
      .toContain('Henrik noterer løbende. Og skriver videre.');
  });

  it('says beside each field what is wrong when a meeting cannot be created, in Danish', async () => {
    const secretary = await user('secretary', 'Thomas Lykke');
    await secretary.page.goto('/meetings');
    await secretary.page.getByRole('button', { name: 'Nyt møde' }).click();
    const dialog = secretary.page.getByRole('dialog');
    await dialog.getByLabel('Titel').fill('   ');
    await dialog.getByLabel('Dato').fill('2027-02-04');
    await dialog.getByLabel('Starttid').fill('12:00');
    await dialog.getByLabel('Sluttid').fill('09:00');
    await dialog.getByRole('button', { name: 'Opret møde' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Tjek de markerede felter.');
    expect(await dialog.getByText('Skal udfyldes.').count()).toBe(1);
    expect(await dialog.getByText('Slutningen skal ligge efter starten.').count()).toBe(1);
    // The browser logs the refused request; that one was expected.
    expect(secretary.errors).toEqual([expect.stringContaining('400')]);
    secretary.errors.length = 0;
  });
});
