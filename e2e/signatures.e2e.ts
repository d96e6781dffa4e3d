import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('signing the minutes', () => {
  it('two attendees sign; one withdraws, a change clears the other’s signature, both sign again, and the approved minutes list them', async () => {
    const mette = await suite.app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
    const henrik = await suite.app.factory.person({ role: 'council_member', name: 'Henrik Østergaard' });
    const meeting = await suite.app.factory.meeting({
      status: 'minutes-draft',
      title: 'Rådsmøde 6/2027',
      content: {
        agenda: [{ id: 'i1', title: 'Orientering', kind: 'information', durationMinutes: 15, confidential: false }],
        notes: { i1: ['Sekretariatet orienterede om status.'] },
        attendance: { [mette.id]: 'present', [henrik.id]: 'present' },
      },
    });
    const chair = await suite.signInPerson(mette);
    const member = await suite.signInPerson(henrik);
    for (const u of [chair, member]) {
      await u.page.goto(`/meetings/${meeting.id}?tab=signatures`);
      await u.page.getByTestId('signatures').waitFor();
    }
    const signerRow = (page: typeof chair.page, name: string) => page.getByTestId('signer').filter({ hasText: name });

    await chair.page.getByRole('button', { name: 'Underskriv referatet' }).click();
    await member.page.getByRole('button', { name: 'Underskriv referatet' }).click();
    // Each sees the other's signature (the change feed brings it).
    await expect.poll(() => signerRow(member.page, 'Mette Kjærgaard').textContent()).toMatch(/Underskrevet/);
    await expect.poll(() => signerRow(chair.page, 'Henrik Østergaard').textContent()).toMatch(/Underskrevet/);

    await member.page.getByRole('button', { name: 'Træk min underskrift tilbage' }).click();
    await expect.poll(() => signerRow(chair.page, 'Henrik Østergaard').textContent()).toMatch(/Ikke underskrevet/);

    // The chair mends the notes: her own signature was of the earlier text, and is cleared.
    await chair.meeting.open(meeting.id, 'i1');
    await chair.meeting.type(' Rettet efter mødet.');
    await expect.poll(() => chair.meeting.saveState.textContent()).toBe('Gemt');
    await chair.page.goto(`/meetings/${meeting.id}?tab=signatures`);
    await expect
      .poll(() => signerRow(chair.page, 'Mette Kjærgaard').textContent(), { timeout: 10_000 })
      .toMatch(/Ikke underskrevet/);

    await member.page.getByRole('button', { name: 'Underskriv referatet' }).click();
    await chair.page.getByRole('button', { name: 'Underskriv referatet' }).click();
    await expect.poll(() => signerRow(chair.page, 'Henrik Østergaard').textContent()).toMatch(/Underskrevet/);

    await chair.meeting.transition('Godkend referat');
    await chair.page.getByRole('tab', { name: 'Godkendt referat' }).click();
    await chair.page.getByRole('heading', { name: 'Underskrevet af' }).waitFor();
    const approved = (await chair.page.getByTestId('approved-minutes').textContent()) ?? '';
    expect(approved).toContain('Henrik Østergaard,');
    expect(approved).toContain('Mette Kjærgaard,');
  });
});
