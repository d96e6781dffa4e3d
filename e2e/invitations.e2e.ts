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
    await rsvp.getByLabel('Begrundelse (valgfri, kun rådet ser den)').fill('Kommunalbestyrelsesmøde samme dag');
    await rsvp.getByRole('button', { name: 'Send afbud' }).click();
    await rsvp.getByText('Du har meldt afbud.').waitFor();

    const hannesRow = secretary.page.getByRole('row', { name: /Hanne Berg/ });
    await expect
      .poll(() => hannesRow.getByRole('radio', { name: 'Afbud' }).isChecked(), { timeout: 10_000 })
      .toBe(true);
    await expect
      .poll(() => hannesRow.getByTestId('apology-reason').textContent())
      .toBe('Afbud: Kommunalbestyrelsesmøde samme dag');

    await rsvp.getByRole('button', { name: 'Skift svar' }).click();
    await rsvp.getByRole('button', { name: 'Jeg kommer' }).click();
    await rsvp.getByText('Du har meldt, at du kommer.').waitFor();
    await expect
      .poll(() => hannesRow.getByRole('radio', { name: 'Afbud' }).isChecked(), { timeout: 10_000 })
      .toBe(false);
  });
});
