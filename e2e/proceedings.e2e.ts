import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('votes, minuted views and conflicts of interest', () => {
  it('a member declares a conflict, the secretary records a named vote, another member has his view minuted, and the register shows it all after approval', async () => {
    const mette = await suite.app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
    const thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    const henrik = await suite.app.factory.person({ role: 'council_member', name: 'Henrik Østergaard' });
    const hanne = await suite.app.factory.person({ role: 'council_member', name: 'Hanne Berg' });
    const meeting = await suite.app.factory.meeting({
      status: 'in-session',
      title: 'Rådsmøde 7/2027',
      content: {
        agenda: [
          {
            id: 'd1',
            title: 'Fælles integrationsplatform',
            kind: 'decision',
            durationMinutes: 30,
            confidential: false,
          },
        ],
        decisions: { d1: { title: 'Platformen anbefales', text: 'Rådet anbefaler platformen.', status: 'adopted' } },
        attendance: Object.fromEntries([mette, thomas, henrik, hanne].map((p) => [p.id, 'present'])),
      },
    });
    const secretary = await suite.signInPerson(thomas);
    const member = await suite.signInPerson(henrik);
    const conflicted = await suite.signInPerson(hanne);
    for (const u of [secretary, member, conflicted]) {
      await u.page.goto(`/meetings/${meeting.id}?tab=agenda&item=d1`);
      await u.page.getByTestId('proceedings').waitFor();
    }

    // Hanne declares her conflict of interest; everyone sees it, and she is not offered a ballot.
    await conflicted.page.getByRole('button', { name: 'Erklær mig inhabil' }).click();
    await conflicted.page.getByLabel('Begrundelse (valgfri)').fill('Bestyrelsesmedlem hos leverandøren');
    await conflicted.page.getByRole('button', { name: 'Registrér inhabilitet' }).last().click();
    await expect
      .poll(() => secretary.page.getByTestId('conflict').textContent())
      .toContain('Hanne Berg er inhabil (Bestyrelsesmedlem hos leverandøren) og forlader mødet under punktet.');

    await secretary.page.getByRole('button', { name: 'Registrér afstemning' }).click();
    const dialog = secretary.page.getByRole('dialog');
    expect(await dialog.getByTestId('ballot').allTextContents()).toEqual([
      expect.stringContaining('Henrik Østergaard'),
      expect.stringContaining('Mette Kjærgaard'),
      expect.stringContaining('Thomas Lykke'),
    ]);
    const ballot = (name: string) => dialog.getByRole('radiogroup', { name: `Stemme for ${name}` });
    await ballot('Mette Kjærgaard').getByText('For', { exact: true }).click();
    await ballot('Thomas Lykke').getByText('For', { exact: true }).click();
    await ballot('Henrik Østergaard').getByText('Imod', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Gem afstemning' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Henrik, in his own browser, sees the vote arrive, and has his view minuted.
    await expect.poll(() => member.page.getByTestId('vote').textContent()).toContain('For 2 · Imod 1 · Undlod 0');
    expect(await member.page.getByTestId('vote').textContent()).toContain('Imod: Henrik Østergaard');
    await member.page.getByRole('button', { name: 'Før min stemme til protokol' }).click();
    await member.page.getByLabel('Det, der skal stå i protokollen').fill('Platformen bør i udbud først.');
    await member.page.getByRole('button', { name: 'Før til protokol' }).click();
    await expect
      .poll(() => secretary.page.getByTestId('dissent').textContent())
      .toContain('Platformen bør i udbud først.');

    await secretary.meeting.transition('Afslut mødet');
    await secretary.meeting.transition('Godkend referat');
    await secretary.page.getByRole('tab', { name: 'Godkendt referat' }).click();
    const minutes = secretary.page.getByTestId('approved-minutes');
    await minutes.getByText('Afstemning: 2 for, 1 imod, 0 undlod at stemme.').waitFor();
    expect(await minutes.textContent()).toContain(
      'Henrik Østergaard ønskede sin stemme ført til protokol: Platformen bør i udbud først.',
    );
    expect(await minutes.textContent()).toContain('Hanne Berg var inhabil (Bestyrelsesmedlem hos leverandøren)');

    // The register shows the vote on the decision's own page.
    await secretary.page
      .getByRole('link', { name: /Beslutning \d{4}-\d{3}/ })
      .first()
      .click();
    await secretary.page.getByRole('heading', { name: 'Afstemning' }).waitFor();
    expect(await secretary.page.getByTestId('vote').textContent()).toContain('For: Mette Kjærgaard, Thomas Lykke');
    expect(await secretary.page.getByTestId('dissent').textContent()).toContain('Platformen bør i udbud først.');
  });
});
