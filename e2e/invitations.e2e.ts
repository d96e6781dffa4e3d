import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('invitations', () => {
  it('a member answers the invitation with apologies and a reason; the secretary sees it in the attendance at once; she changes her mind', async () => {
    const thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    const hanne = await suite.app.factory.person({ role: 'council_member', name: 'Hanne Berg' });
    const meeting = await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 11/2027' });
    const secretary = await suite.signInPerson(thomas);
    const member = await suite.signInPerson(hanne);
    await secretary.page.goto(`/meetings/${meeting.id}?tab=attendance`);
    await member.page.goto(`/meetings/${meeting.id}`);

    const rsvp = member.page.getByTestId('rsvp');
    await rsvp.getByText('Du er inviteret til mødet. Kommer du?').waitFor();
    await rsvp.getByRole('button', { name: 'Meld afbud' }).click();
    // The keyboard goes with the banner: to the reason now, to the answer once sent.
    await expect.poll(() => member.page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await rsvp.getByLabel('Begrundelse (valgfri, kun rådet ser den)').fill('Kommunalbestyrelsesmøde samme dag');
    await rsvp.getByRole('button', { name: 'Send afbud' }).click();
    await rsvp.getByText('Du har meldt afbud.').waitFor();
    await expect
      .poll(() => member.page.evaluate(() => document.activeElement?.textContent))
      .toBe('Du har meldt afbud.');

    const hannesRow = secretary.page.getByRole('row', { name: /Hanne Berg/ });
    await expect
      .poll(() => hannesRow.getByRole('radio', { name: 'Afbud' }).isChecked(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => hannesRow.getByTestId('apology-reason').textContent())
      .toBe('Afbud: Kommunalbestyrelsesmøde samme dag');

    // The secretary moves the meeting an hour; the invited see the new time at once (and get an
    // updated calendar invitation by mail: invitations.int.test.ts).
    await secretary.page.getByRole('button', { name: 'Ret tid og sted' }).click();
    const edit = secretary.page.getByRole('dialog');
    await edit.getByText('De inviterede får en opdateret kalenderinvitation').waitFor();
    await edit.getByLabel('Starttid').fill('10:00');
    await edit.getByRole('button', { name: 'Gem ændringer' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => member.page.getByTestId('meeting-when').textContent()).toContain('10.00');

    await rsvp.getByRole('button', { name: 'Skift svar' }).click();
    await rsvp.getByRole('button', { name: 'Jeg kommer' }).click();
    await rsvp.getByText('Du har meldt, at du kommer.').waitFor();
    await expect
      .poll(() => hannesRow.getByRole('radio', { name: 'Afbud' }).isChecked(), { timeout: 10_000 })
      .toBe(false);
    await hannesRow.getByTestId('rsvp-accepted').waitFor();
  });
});
