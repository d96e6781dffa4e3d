import { execFileSync } from 'node:child_process';
import { pdfWithPages, uploadPaper } from '@council/server/testing/papers';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** Chooses files through the button's file chooser, as a person does. */
async function chooseFiles(page: Page, button: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await chooser.setFiles(files);
}

describe('meeting papers', () => {
  it('a secretary uploads papers with progress; a member sees them arrive, reads one in the viewer and finds it by search; an architect sees only the open item’s', async () => {
    const meeting = await suite.app.factory.meeting({
      status: 'published',
      title: 'Rådsmøde 2/2027',
      content: {
        agenda: [
          {
            id: 'open',
            title: 'Fælles integrationsplatform',
            kind: 'discussion',
            durationMinutes: 30,
            confidential: false,
          },
          { id: 'secret', title: 'Udbud af hosting', kind: 'decision', durationMinutes: 30, confidential: true },
        ],
      },
    });
    const secretary = await suite.signIn('secretary', 'Thomas Lykke');
    const member = await suite.signIn('council_member', 'Henrik Østergaard');
    const architect = await suite.signIn('network_architect', 'Sofie Dahl');
    await secretary.page.goto(`/meetings/${meeting.id}?tab=agenda&item=open`);
    await member.page.goto(`/meetings/${meeting.id}?tab=agenda&item=open`);
    await secretary.page.getByTestId('item-papers').waitFor();
    await member.page.getByTestId('item-papers').waitFor();

    // A large paper over a slow line: its progress bar shows while it goes.
    const cdp = await secretary.context.newCDPSession(secretary.page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    const pdf = Buffer.from(
      await pdfWithPages(['Indledning', 'Baggrund', 'Fjernvarmeprojektet i Aarhus'], true, 3 * 1024 * 1024),
    );
    const note = Buffer.from('Tidsplan for udbuddet\n');
    await chooseFiles(secretary.page, 'Tilføj bilag', [
      { name: 'Økonomi og tidsplan.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'Noter.txt', mimeType: 'text/plain', buffer: note },
    ]);
    await secretary.page.getByRole('progressbar', { name: 'Overfører Økonomi og tidsplan.pdf' }).waitFor();
    await secretary.page.getByRole('link', { name: 'Økonomi og tidsplan' }).waitFor({ timeout: 20_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // The member, who has the meeting open, sees both arrive without reloading, and the paperclip count.
    const memberPapers = member.page.getByTestId('item-papers');
    await memberPapers.getByRole('link', { name: 'Økonomi og tidsplan' }).waitFor();
    await memberPapers.getByRole('link', { name: 'Noter' }).waitFor();
    await expect.poll(() => member.page.getByTestId('paper-count').textContent()).toContain('2 bilag');

    // A file that is not what its name says is refused with a reason, and nothing is added.
    await chooseFiles(secretary.page, 'Tilføj bilag', [
      { name: 'Referat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Bare tekst, ikke en PDF\n') },
    ]);
    await secretary.page.getByRole('alert').filter({ hasText: 'Filens indhold passer ikke til dens navn' }).waitFor();
    expect(secretary.errors).toEqual([expect.stringContaining('400')]);
    secretary.errors.length = 0;
    expect(await secretary.page.getByTestId('item-papers').getByTestId('paper').count()).toBe(2);

    // A confidential paper, for the council only.
    await secretary.page.goto(`/meetings/${meeting.id}?tab=agenda&item=secret`);
    await chooseFiles(secretary.page, 'Tilføj bilag', [
      { name: 'Tilbudsliste.txt', mimeType: 'text/plain', buffer: Buffer.from('Leverandørernes priser\n') },
    ]);
    await secretary.page.getByRole('link', { name: 'Tilbudsliste' }).waitFor();

    // The member opens the PDF in the viewer.
    await memberPapers.getByRole('link', { name: 'Økonomi og tidsplan' }).click();
    await member.page.getByRole('group', { name: 'Side 1 af 3' }).waitFor();
    await member.page.getByText('Indledning', { exact: true }).waitFor();

    // Search finds the word on page 3, and the hit opens the viewer there.
    await member.page.goto('/search?q=Fjernvarmeprojektet');
    const hit = member.page.getByRole('link', { name: /Økonomi og tidsplan · side 3/ });
    await hit.click();
    await member.page.getByRole('group', { name: 'Side 3 af 3' }).getByText('Fjernvarmeprojektet i Aarhus').waitFor();

    // The architect sees the open item's papers in the papers tab, and not the confidential one's.
    await architect.page.goto(`/meetings/${meeting.id}?tab=papers`);
    const tab = architect.page.getByTestId('papers-tab');
    await tab.getByRole('link', { name: 'Økonomi og tidsplan' }).waitFor();
    expect(await tab.textContent()).not.toContain('Tilbudsliste');
    expect(await tab.textContent()).not.toContain('Udbud af hosting');
    await architect.page.goto('/search?q=priser');
    await architect.page.getByText('Ingen resultater.').waitFor();
  });

  it('the archive PDF of approved minutes downloads with the papers in it', async () => {
    const meeting = await suite.app.factory.meeting({
      status: 'minutes-draft',
      title: 'Rådsmøde 3/2027',
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Fælles integrationsplatform',
            kind: 'discussion',
            durationMinutes: 30,
            confidential: false,
          },
        ],
        notes: { i1: ['Rådet drøftede platformen.'] },
      },
    });
    const chair = await suite.app.person('chair', 'Mette Kjærgaard');
    const pdf = await pdfWithPages(['Arkitekturskitse side 1', 'Arkitekturskitse side 2']);
    expect((await uploadPaper(suite.app.url, chair.token, meeting.id, 'i1', pdf, 'Skitse.pdf')).status).toBe(201);
    const approved = await suite.app.api('POST', `/api/meetings/${meeting.id}/approve`, {
      token: chair.token,
      body: { confirm: ['attendance'] },
    });
    expect(approved.status).toBe(200);

    const member = await suite.signIn('council_member', 'Henrik Østergaard');
    await member.page.goto(`/meetings/${meeting.id}?tab=papers`);
    const links = member.page.getByTestId('archive-links');
    const [file] = await Promise.all([
      member.page.waitForEvent('download'),
      links.getByRole('link', { name: 'Hent PDF' }).first().click(),
    ]);
    expect(file.suggestedFilename()).toBe('Rådsmøde 3-2027 - arkiv.pdf');
    const text = execFileSync('pdftotext', ['-layout', await file.path(), '-'], { encoding: 'utf8' });
    expect(text).toContain('Rådet drøftede platformen.');
    expect(text).toContain('Arkitekturskitse side 2');
  });
});
